namespace Caf.Web.Infrastructure;

/// <summary>The host's log lines (start-up, jobs, outbox, demo data), generated once rather than formatted on every call.</summary>
internal static partial class InfrastructureLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Security:RequireTwoFactorForStaff is false in the {Environment} environment: staff sign in, and " +
        "finance records payments, without a second factor. Set it to true outside Development.")]
    public static partial void StaffSignInWeakened(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fired {Count} due workflow timer(s).")]
    public static partial void TimersFired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No workflow timer was due.")]
    public static partial void NoTimerDue(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up sweep fired {Count} timer(s) that fell due while the app was down.")]
    public static partial void StartupSweepFired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows: {Line}")]
    public static partial void WorkflowsImported(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Critical, Message = "CafGrants cannot start: the workflow definitions in {Folder} cannot be used. {Reason}")]
    public static partial void WorkflowsUnusable(ILogger logger, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email is queued in the outbox but could not be sent yet.")]
    public static partial void OutboxNotSentYet(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send outbox message {Id}; {Next}.")]
    public static partial void OutboxMessageFailed(ILogger logger, Exception exception, Guid id, string next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adding demo data in the {Environment} environment: its accounts share a published password and predictable " +
        "authenticator keys. Never do this on a server that holds real data.")]
    public static partial void DemoDataOutsideDevelopment(ILogger logger, string environment);
}
