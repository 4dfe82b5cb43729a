using Caf.Workflows.Engine;
using Quartz;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The Quartz job that fires workflow timers that have come due. Quartz keeps its schedule in the application's own
/// database (clustered on PostgreSQL and SQL Server, so one node runs it at a time); the timers themselves are rows
/// written in the transaction of the transition that scheduled them.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DueTimersJob(WorkflowTimerRunner runner, ILogger<DueTimersJob> logger) : IJob
{
    public const string Name = "due-workflow-timers";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await OutageTolerantJob.RunAsync(logger, Name, async () =>
        {
            var fired = await runner.RunDueAsync(cancellationToken);
            if (fired > 0) InfrastructureLog.TimersFired(logger, fired);
            else InfrastructureLog.NoTimerDue(logger);
        });
}

internal static class TimerScheduling
{
    /// <summary>Quartz with its persistent store on the application's database, running <see cref="DueTimersJob"/>.</summary>
    public static void AddWorkflowTimerScheduler(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!configuration.GetValue("Workflows:TimerScheduler", true)) return;
        var provider = Caf.Data.CafDatabase.ReadProvider(configuration);
        var connectionString = Caf.Data.CafDatabase.ReadConnectionString(configuration, provider, builder.Environment.ContentRootPath);
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Workflows:TimerIntervalSeconds", 60));
        builder.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                switch (provider)
                {
                    case Caf.Data.DatabaseProvider.Sqlite:
                        store.UseSqlite(connectionString);
                        break;
                    case Caf.Data.DatabaseProvider.Postgres:
                        store.UsePostgres(connectionString);
                        store.UseClustering(c => c.Enabled = true);
                        break;
                    case Caf.Data.DatabaseProvider.SqlServer:
                        store.UseSqlServer(connectionString);
                        store.UseClustering(c => c.Enabled = true);
                        break;
                }
                store.ProvisionSchema();
            });
            q.ScheduleJob<DueTimersJob>(
                trigger => trigger.WithIdentity(DueTimersJob.Name).StartNow().WithSimpleSchedule(interval),
                job => job.WithIdentity(DueTimersJob.Name));
            q.AddOAuthTokenPruning();
            // A signed checkpoint of the audit trail every interval that added records (ADR 0027).
            q.ScheduleJob<Features.Audit.AuditCheckpointJob>(
                trigger => trigger.WithIdentity(Features.Audit.AuditCheckpointJob.Name).StartNow()
                    .WithSimpleSchedule(TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Audit:CheckpointIntervalMinutes", 60)))),
                job => job.WithIdentity(Features.Audit.AuditCheckpointJob.Name));
            q.ScheduleJob<Email.OutboxJob>(
                trigger => trigger.WithIdentity(Email.OutboxJob.Name).StartNow().WithSimpleSchedule(TimeSpan.FromSeconds(30)),
                job => job.WithIdentity(Email.OutboxJob.Name));
        });
        builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
