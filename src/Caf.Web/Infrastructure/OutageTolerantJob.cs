using Caf.Data;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Runs a background job's work so that a database that cannot be reached is one warning, not an unhandled exception:
/// the job runs again at its next interval and finds the database back (ADR 0039).
/// </summary>
internal static partial class OutageTolerantJob
{
    public static async Task RunAsync(ILogger logger, string job, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (DatabaseOutage.IsUnreachable(ex))
        {
            Log.Waiting(logger, job, ex.GetBaseException().Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "The job {Job} could not reach the database and will run again at its next interval: {Reason}")]
        public static partial void Waiting(ILogger logger, string job, string reason);
    }
}
