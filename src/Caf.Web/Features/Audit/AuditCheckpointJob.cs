using Quartz;

namespace Caf.Web.Features.Audit;

/// <summary>Signs a checkpoint of the audit trail every <c>Audit:CheckpointIntervalMinutes</c> (60) when records were added since the last.</summary>
[DisallowConcurrentExecution]
internal sealed partial class AuditCheckpointJob(AuditCheckpoints checkpoints, ILogger<AuditCheckpointJob> logger) : IJob
{
    public const string Name = "audit-checkpoint";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await Infrastructure.OutageTolerantJob.RunAsync(logger, Name, async () =>
        {
            var (checkpoint, problem) = await checkpoints.WriteAsync(null, cancellationToken);
            if (checkpoint is not null) Log.Signed(logger, checkpoint.Sequence, checkpoint.HeadHash);
            else Log.NotSigned(logger, problem!);
        });

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint: sequence {Sequence}, head {Head}.")]
        public static partial void Signed(ILogger logger, long sequence, string head);

        [LoggerMessage(Level = LogLevel.Information, Message = "No audit checkpoint signed: {Problem}")]
        public static partial void NotSigned(ILogger logger, string problem);
    }
}
