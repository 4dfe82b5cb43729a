using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Durable timers: written with the transition, fired when due (also after downtime), never twice, never stale.</summary>
public sealed class TimerTests
{
    private static DateOnly Today => Caf.Data.FundTime.Today(TimeProvider.System);

    [Fact]
    public async Task A_timer_whose_time_passed_while_the_app_was_down_fires_once_after_a_restart()
    {
        var path = TestDatabases.NewSqliteFile();
        var clock = new TestClock();
        Guid id;
        await using (var before = new SqliteAppFactory { DatabasePath = path, Clock = clock, KeepDatabase = true })
        {
            await before.InitializeAsync();
            await before.ResetAsync();
            id = await new GrantScenario(before).ActiveGrantAsync(activityEnd: Today.AddDays(5));
            var timer = await before.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.Status == WorkflowTimerStatus.Pending));
            Assert.Equal("activities-ended", timer.TimerId);
            // The day after the activities end, at the end of that day in Geneva.
            Assert.Equal(Caf.Data.FundTime.EndOfDay(Today.AddDays(6)), timer.DueAtUtc);
        }

        // Down for ten days: the timer fell due meanwhile. Starting again sweeps it.
        clock.Advance(TimeSpan.FromDays(10));
        await using (var after = new SqliteAppFactory { DatabasePath = path, Clock = clock, KeepDatabase = true, Restarted = true })
        {
            await after.InitializeAsync();
            var application = await new GrantJourney(after).LoadAsync(id);
            Assert.Equal("Reporting", application.Stage);
            var last = application.Workflow!.History.MaxBy(h => h.Sequence)!;
            Assert.Equal(("reports-due", "system"), (last.Trigger, last.UserName));
            var timers = await after.WithDbAsync(db => db.WorkflowTimers.AsNoTracking().ToListAsync());
            Assert.Equal(WorkflowTimerStatus.Fired, timers.Single(t => t.TimerId == "activities-ended").Status);
            // Entering Reporting scheduled its reminders, relative to the report's due date (60 days after the activities,
            // at the end of that day in Geneva).
            var due = Caf.Data.FundTime.ToUtc(Today.AddDays(65).ToDateTime(new TimeOnly(23, 59)))!.Value;
            Assert.Equal(due.AddDays(-14), timers.Single(t => t.TimerId == "final-report-reminder-14").DueAtUtc);
            Assert.Equal(due.AddDays(14), timers.Single(t => t.TimerId == "final-report-escalation").DueAtUtc);
            Assert.Contains("timer.fired", await after.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));
        }

        // Another restart finds nothing left to do: the timer fired once.
        await using (var again = new SqliteAppFactory { DatabasePath = path, Clock = clock, Restarted = true })
        {
            await again.InitializeAsync();
            var application = await new GrantJourney(again).LoadAsync(id);
            Assert.Single(application.Workflow!.History, h => h.Trigger == "reports-due");
            Assert.Equal(0, await again.Services.GetRequiredService<WorkflowTimerRunner>().RunDueAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>
    /// Two nodes starting together both sweep the same due timer: one fires it, the other finds its history row taken and
    /// moves on. Before the fix the second node's start-up failed on the unique history sequence (found by the two-nodes
    /// reliability scenario). The instance's row is held locked until both have written, so that the clash always happens.
    /// </summary>
    [Fact]
    public async Task Two_nodes_sweeping_the_same_due_timer_at_once_fire_it_once_and_neither_fails()
    {
        await using var app = new PostgresAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        var id = await new GrantScenario(app).ActiveGrantAsync(activityEnd: Today.AddDays(-7));
        var instance = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.WorkflowInstanceId).SingleAsync());

        await using var holder = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using var hold = await holder.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"WorkflowInstances\" WHERE \"Id\" = '{instance}' FOR UPDATE", holder, hold))
            await lockRow.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        var nodes = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<WorkflowTimerRunner>(app.Services)).ToList();
        var sweeps = nodes.Select(n => Task.Run(() => n.RunDueAsync(TestContext.Current.CancellationToken))).ToList();
        var database = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var waiting = new Npgsql.NpgsqlCommand(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND wait_event_type = 'Lock'", holder, hold);
            if ((long)(await waiting.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 2) break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await hold.RollbackAsync(TestContext.Current.CancellationToken);

        var fired = await Task.WhenAll(sweeps);

        Assert.Equal(1, fired.Sum());
        var application = await new GrantJourney(app).LoadAsync(id);
        Assert.Equal("Reporting", application.Stage);
        Assert.Single(application.Workflow!.History, h => h.Trigger == "reports-due");
    }

    [Fact]
    public async Task A_stale_timer_does_nothing_once_the_application_has_moved_on()
    {
        await using var app = new SqliteAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        var id = await new GrantScenario(app).ActiveGrantAsync(activityEnd: Today.AddDays(5));
        var instance = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Workflow!).SingleAsync());

        // The ISU opens reporting by hand before the timer is due: the pending timer is cancelled with the stage.
        await new GrantScenario(app).FireAsync(id, "reports-due", "isu@caf.demo");
        var cancelled = await app.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.TimerId == "activities-ended"));
        Assert.Equal(WorkflowTimerStatus.Cancelled, cancelled.Status);

        // A duplicate left behind (say, by a node that scheduled it as the stage changed) is skipped, not fired.
        await app.WithDbAsync(async db =>
        {
            db.WorkflowTimers.Add(new WorkflowTimer(instance.Id, "activities-ended", "Active", instance.Revision,
                DateTime.UtcNow.AddDays(-1), DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var historyBefore = (await new GrantJourney(app).LoadAsync(id)).Workflow!.History.Count;

        Assert.Equal(0, await app.Services.GetRequiredService<WorkflowTimerRunner>().RunDueAsync(TestContext.Current.CancellationToken));

        var stale = await app.WithDbAsync(db => db.WorkflowTimers.SingleAsync(t => t.TimerId == "activities-ended" && t.Status != WorkflowTimerStatus.Cancelled));
        Assert.Equal(WorkflowTimerStatus.Skipped, stale.Status);
        Assert.Contains("moved on", stale.Outcome);
        var after = await new GrantJourney(app).LoadAsync(id);
        Assert.Equal("Reporting", after.Stage);
        Assert.Equal(historyBefore, after.Workflow!.History.Count);
    }

    [Fact]
    public async Task Reminders_and_the_escalation_reach_the_right_inboxes_and_the_overdue_task_is_marked()
    {
        await using var app = new SqliteAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        var scenario = new GrantScenario(app);
        var id = await scenario.ActiveGrantAsync(activityEnd: Today.AddDays(-1));
        await scenario.FireAsync(id, "reports-due", "isu@caf.demo");
        var runner = app.Services.GetRequiredService<WorkflowTimerRunner>();
        // Only what the timers write from here on counts (screening already told the applicant its decision).
        var timersFrom = app.Clock.GetUtcNow().UtcDateTime;

        app.Clock.Advance(TimeSpan.FromDays(47));
        Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        var reminder = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.CreatedAtUtc > timersFrom));
        Assert.Equal(Caf.Data.CafRoles.Applicant, reminder.Role);
        Assert.Contains("Reminder: the final report for CAF-", reminder.Message);

        // The 3-day reminder, the overdue notice the day after and the escalation 14 days after.
        app.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(3, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        var notifications = await app.WithDbAsync(db => db.Notifications.Where(n => n.CreatedAtUtc > timersFrom).OrderBy(n => n.CreatedAtUtc).ToListAsync());
        Assert.Equal(4, notifications.Count);
        Assert.Contains(notifications, n => n.Role == Caf.Data.CafRoles.Applicant && n.Message.EndsWith("is overdue.", StringComparison.Ordinal));
        Assert.Contains(notifications, n => n.Role == Caf.Data.CafRoles.IsuOfficer && n.Message.StartsWith("Overdue", StringComparison.Ordinal));
        Assert.Equal("Reporting", await new GrantJourney(app).StageAsync(id));

        using var applicant = await new GrantJourney(app).SignInAsync(GrantJourney.Applicant);
        var (_, inbox) = await applicant.GetAsync("/Tasks");
        Assert.Contains("Submit the final report", inbox);
        Assert.Contains("overdue", inbox);
        Assert.Contains("Reminder: the final report for CAF-", inbox);
        Assert.DoesNotContain("Overdue:", inbox);
        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);
        var (_, isuInbox) = await isu.GetAsync("/Tasks");
        Assert.Contains("Overdue:", isuInbox);
        Assert.Contains("Review the final report", isuInbox);
        Assert.DoesNotContain("Submit the final report", isuInbox);
    }

    [Fact]
    public async Task Quartz_runs_the_due_timer_job_from_its_store_in_the_application_database()
    {
        await using var app = new SqliteAppFactory { TimerScheduler = true };
        await app.InitializeAsync();
        await app.ResetAsync();
        // The activities ended a week ago: entering "Active" schedules a timer that is already due.
        var id = await new GrantScenario(app).ActiveGrantAsync(activityEnd: Today.AddDays(-7));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await new GrantJourney(app).StageAsync(id) != "Reporting" && DateTime.UtcNow < deadline)
            await Task.Delay(250, TestContext.Current.CancellationToken);

        Assert.Equal("Reporting", await new GrantJourney(app).StageAsync(id));
        var triggers = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT TRIGGER_NAME FROM QRTZ_TRIGGERS";
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            return names;
        });
        Assert.Contains("due-workflow-timers", triggers);
    }
}
