using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Reliability, two nodes (issue 16): two app processes on one PostgreSQL database, Quartz clustered. Each due timer fires
/// once, each email goes once, the same transition sent to both nodes at once has one winner and a polite refusal, and a
/// sign-in and a form made by one node are accepted by the other (Data Protection keys shared through the database).
/// The issue's sizes, in the suite too: it takes under a minute alone (eng/reliability.sh).
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class ReliabilityTwoNodesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_on_one_database_fire_each_timer_once_send_each_email_once_and_give_one_winner_per_race()
    {
        var (timersEach, races, emails) = (10, 40, 200);
        var watch = Stopwatch.StartNew();
        await using var factory = new PostgresAppFactory();
        await factory.InitializeAsync();
        await factory.ResetAsync();
        var scenario = new GrantScenario(factory);
        var today = FundTime.Today(factory.Clock);

        // Before the nodes start: grants whose activities ended a week ago (their timer already due, for both start-up
        // sweeps to find), applications to race on, and emails waiting in the outbox.
        var dueAtStart = await ReliabilityCrashTests.InParallelAsync(timersEach, _ => scenario.ActiveGrantAsync(today.AddDays(-7)));
        var contested = await ReliabilityCrashTests.InParallelAsync(races + 1, async _ =>
        {
            var id = await scenario.CompleteDraftAsync(today.AddDays(90), title: "Two nodes exchange");
            await scenario.FireAsync(id, "submit", GrantJourney.Applicant);
            return id;
        });
        var queued = await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var messages = Enumerable.Range(0, emails)
                .Select(i => new OutboxMessage($"two-nodes-{i}@example.org", $"Two nodes {i}", $"Body {i}", now.AddMilliseconds(i))).ToList();
            db.Outbox.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });
        var queuedBefore = await factory.WithDbAsync(db => db.Outbox.Where(m => m.SentAtUtc == null).Select(m => m.Id).ToListAsync());

        var seeded = watch.Elapsed.TotalSeconds;
        var nodes = await Task.WhenAll(StartAsync(factory), StartAsync(factory));
        var started = watch.Elapsed.TotalSeconds;
        await using var a = nodes[0];
        await using var b = nodes[1];
        var instances = await QuartzInstancesAsync(factory);
        Assert.True(instances.Count == 2, $"Quartz cluster members: [{string.Join(", ", instances)}]");

        // Signed in on A, the same browser is signed in on B; a form A served is accepted by B.
        var browser = new CookieContainer();
        using (var onA = a.NewSession(browser))
        {
            await onA.SignInAsync(GrantJourney.Isu);
            using var onB = b.Client(browser);
            var tasks = await onB.GetAsync("/Tasks", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
            var tokenFromA = await onA.AntiforgeryTokenAsync();
            var fired = await onB.PostAsync($"/Applications/Details/{contested[^1]}?handler=Fire", Fire(tokenFromA), TestContext.Current.CancellationToken);
            Assert.True(fired.StatusCode == HttpStatusCode.Redirect && fired.Headers.Location!.OriginalString.Contains(contested[^1].ToString(), StringComparison.Ordinal),
                $"B refused A's form: {(int)fired.StatusCode} {fired.Headers.Location}");
        }

        // The same transition on the same application, sent to both nodes at the same moment by two people.
        using var first = a.NewSession();
        using var second = b.NewSession();
        await first.SignInAsync(GrantJourney.Isu);
        await second.SignInAsync(GrantJourney.Isu);
        var (tokenA, tokenB) = (await first.AntiforgeryTokenAsync(), await second.AntiforgeryTokenAsync());
        var (clashes, moved) = (0, 0);
        foreach (var id in contested.Take(races))
        {
            var answers = await Task.WhenAll(
                first.Client.PostAsync($"/Applications/Details/{id}?handler=Fire", Fire(tokenA), TestContext.Current.CancellationToken),
                second.Client.PostAsync($"/Applications/Details/{id}?handler=Fire", Fire(tokenB), TestContext.Current.CancellationToken));
            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Redirect);
            var loser = Assert.Single(answers, r => r.StatusCode != HttpStatusCode.Redirect);
            var page = await loser.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(loser.StatusCode == HttpStatusCode.Conflict, $"The loser was answered {(int)loser.StatusCode}: {GrantJourney.ErrorsIn(page)}");
            if (page.Contains("Someone else changed this application at the same moment.", StringComparison.Ordinal)) clashes++;
            else moved++;
            var application = await new GrantJourney(factory).LoadAsync(id);
            Assert.Single(application.Workflow!.History, h => h.Trigger == "start-screening");
        }

        var raced = watch.Elapsed.TotalSeconds;
        // Timers that fall due while both run: the clustered job fires them, on one node.
        var dueWhileRunning = await ReliabilityCrashTests.InParallelAsync(timersEach, _ => scenario.ActiveGrantAsync(today.AddDays(-7)));
        var grants = dueAtStart.Concat(dueWhileRunning).ToList();
        var grantInstances = await factory.WithDbAsync(db => db.Applications.Where(g => grants.Contains(g.Id)).Select(g => g.WorkflowInstanceId).ToListAsync());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await factory.WithDbAsync(db => db.WorkflowTimers.CountAsync(t => grantInstances.Contains(t.InstanceId) && t.TimerId == "activities-ended"
                   && t.Status == WorkflowTimerStatus.Fired)) < grants.Count && DateTime.UtcNow < deadline)
            await Task.Delay(250, TestContext.Current.CancellationToken);
        foreach (var grant in grants)
        {
            var application = await new GrantJourney(factory).LoadAsync(grant);
            Assert.Equal("Reporting", application.Stage);
            Assert.Single(application.Workflow!.History, h => h.Trigger == "reports-due");
        }
        var timerRows = await factory.WithDbAsync(db => db.WorkflowTimers.Where(t => grantInstances.Contains(t.InstanceId) && t.TimerId == "activities-ended")
            .Select(t => t.Status).ToListAsync());
        Assert.Equal(grants.Count, timerRows.Count(s => s == WorkflowTimerStatus.Fired));
        Assert.DoesNotContain(WorkflowTimerStatus.Failed, timerRows);

        var timed = watch.Elapsed.TotalSeconds;
        // Every email waiting (the queue, and the confirmations of the submissions) reaches the mail server once.
        var delivered = await SentMail.DeliveriesAsync(factory.MailFolder, queuedBefore, TimeSpan.FromSeconds(90));
        Assert.All(delivered, d => Assert.True(d.Value == 1, $"<{d.Key:N}@cafgrants> reached the mail server {d.Value} times."));
        var halfDone = await TransitionRecords.HalfDoneAsync(factory);
        Assert.True(halfDone.Count == 0, string.Join("\n", halfDone.Take(10)));
        var byNode = (Fired(a.Output), Fired(b.Output));

        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"reliability two-nodes: 2 Quartz cluster members, {grants.Count} timers fired once each ({dueAtStart.Count} due at start, " +
            $"{dueWhileRunning.Count} while running; fired by node A {byNode.Item1}, by B {byNode.Item2}), " +
            $"{delivered.Count} emails sent once each ({queued.Count} queued + {queuedBefore.Count - queued.Count} confirmations), " +
            $"{races} races on one application → {races} single winners, losers 409 ({clashes} at the same moment, {moved} after the move), " +
            $"sign-in cookie and form token from A accepted by B, 0 half-done; total {watch.Elapsed.TotalSeconds:0} s " +
            $"(seeded at {seeded:0} s, nodes up at {started:0} s, races done at {raced:0} s, timers at {timed:0} s) " +
            $"(PostgreSQL)"));
    }

    /// <summary>How many timers a node's log says its timer job and start-up sweep fired.</summary>
    private static int Fired(string log) =>
        FiredCount().Matches(log).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [System.Text.RegularExpressions.GeneratedRegex("(?:Fired|sweep fired) ([0-9]+) ")]
    private static partial System.Text.RegularExpressions.Regex FiredCount();

    private static FormUrlEncodedContent Fire(string token) => new(new Dictionary<string, string>
    {
        ["trigger"] = "start-screening", ["Comment"] = "", ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
    });

    private static Task<CafServer> StartAsync(CafAppFactory factory) =>
        CafServer.StartNodeAsync(DatabaseProvider.Postgres, factory.ConnectionString!, factory.MailFolder);

    /// <summary>The scheduler instances checked in to Quartz's cluster table.</summary>
    private static Task<List<string>> QuartzInstancesAsync(CafAppFactory factory) => factory.WithDbAsync(async db =>
    {
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_name FROM qrtz_scheduler_state";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    });
}
