using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// With 20,000 applications (and their workflow instances, open tasks, scores and ledger entries) each list page still
/// sends a handful of SQL commands and a page-sized answer; the time of one request is measured and reported (under
/// 300 ms on the machine of docs/PERFORMANCE.md), not asserted. The rows are written by plain INSERT … SELECT over a
/// number series, in one transaction.
/// </summary>
public abstract class LargeListTests
{
    private const int Applications = 20_000;

    /// <summary>What a list may weigh, uncompressed, however much history there is (the home list weighed 7.4 MB before paging).</summary>
    private const int MaxPageBytes = 300 * 1024;
    /// <summary>250 applications a round (about 190 before the committee): ten times a real round, so the ranking is tried at scale too.</summary>
    private const int Rounds = 80;
    private const int Budget = 300;

    protected abstract CafAppFactory NewFactory();

    /// <summary>The database's way of writing ids, times and series (the scale data set's, src/Caf.Web/Seeding/ScaleSql.cs).</summary>
    private protected abstract ScaleSql Sql { get; }

    private string Id(int table) => Sql.Id(table);
    private string SecondsBefore(string seconds) => Sql.SecondsBefore(seconds);
    private string DaysAfter2026(string days) => Sql.DaysAfter2026(days);
    private string GuidLiteral(Guid value) => Sql.GuidLiteral(value);
    private string InsertOverSeries(string table, string columns, string selection, string? where = null, int count = Applications, string join = "") =>
        Sql.InsertOverSeries(table, columns, selection, count, where, join);

    private const string Stage = "CASE n.i % 8 WHEN 0 THEN 'Submitted' WHEN 1 THEN 'EligibilityScreening' WHEN 2 THEN 'GenderReview' " +
                                 "WHEN 3 THEN 'CommitteeReview' WHEN 4 THEN 'Approved' WHEN 5 THEN 'Active' WHEN 6 THEN 'Rejected' ELSE 'Closed' END";
    private const string AtCommittee = "n.i % 8 >= 3";

    [Fact]
    public async Task Each_list_page_costs_what_it_shows_with_20000_applications_and_its_time_is_reported()
    {
        var total = Stopwatch.StartNew();
        await using var factory = NewFactory();
        await factory.InitializeAsync();
        await factory.ResetAsync();
        var seeded = await factory.WithDbAsync(db => db.Rounds.Select(r => r.Id).FirstAsync());
        // The other rounds are copies of the seeded one, with the ids Id(20) gives them.
        var rounds = new List<Guid> { seeded };
        rounds.AddRange(Enumerable.Range(1, Rounds - 1).Select(i => System.Guid.Parse($"00000020-0000-4000-8000-{i:D12}")));

        var setUp = total.Elapsed;
        var seeding = Stopwatch.StartNew();
        await factory.WithDbAsync(async db =>
        {
            var version = factory.Services.GetRequiredService<WorkflowRegistry>().Latest(WorkflowServices.GrantWorkflowId).Version;
            var states = await db.StateParties.Where(s => s.IsStateParty).OrderBy(s => s.IsoCode).Select(s => s.Id).Take(20).ToListAsync();
            var members = await db.Users.Where(u => u.Email!.StartsWith("member")).OrderBy(u => u.Email).Select(u => new { u.Id, u.DisplayName }).Take(3).ToListAsync();
            var rubric = await db.ScoringRubrics.GetAsync(1, CancellationToken.None);
            var criteria = JsonSerializer.Serialize(rubric.Items.Select(item => new CriterionScore(item.Code, 4, null)).ToList());
            string Pick(IReadOnlyList<Guid> ids, string index) =>
                "CASE " + index + string.Concat(ids.Select((id, k) => $" WHEN {k} THEN {GuidLiteral(id)}")) + " END";
            var round = Pick(rounds, $"n.i % {Rounds}");
            var applicant = Pick(states, $"n.i % {states.Count}");
            var partner = Pick(states, $"(n.i + 1) % {states.Count}");

            await using var transaction = await db.Database.BeginTransactionAsync();
            const string roundColumns = """
                "OpensAtUtc", "ClosesAtUtc", "ImplementationStart", "ImplementationEnd", "Status", "CeilingAmount", "CeilingCurrency",
                "AllowedCurrencies", "ClosedAtUtc", "Description", "EnvelopeAmount", "EnvelopeCurrency", "GenderChecklistVersion", "MaxDurationDays", "RubricVersion"
                """;
            string[] statements =
            [
                InsertOverSeries("Rounds", $"\"Id\", \"Title\", {roundColumns}", $"{Id(20)}, 'Performance round ' || n.i, {roundColumns}",
                    $"r.\"Id\" = {GuidLiteral(seeded)}", Rounds - 1, "CROSS JOIN \"Rounds\" r"),
                InsertOverSeries("WorkflowInstances", """ "Id", "DefinitionId", "DefinitionVersion", "Stage", "StageEnteredAtUtc", "Revision" """,
                    $"{Id(1)}, 'caf-grant', {version}, {Stage}, {SecondsBefore("n.i")}, 1"),
                InsertOverSeries("Applications", """
                    "Id", "Reference", "RoundId", "ApplicantStateId", "Title", "Summary", "Currency", "CreatedByUserId", "CreatedAtUtc",
                    "SubmittedAtUtc", "WorkflowInstanceId", "DoNoHarm", "FollowUpPlan", "GenderAnalysis", "NationalContributionInKind", "Objectives", "ThematicAreas",
                    "LedgerVersion"
                    """,
                    $"{Id(2)}, 'PRF-' || n.i, {round}, {applicant}, 'Exchange of practice number ' || n.i, '', 'CHF', 'perf', {SecondsBefore("n.i")}, " +
                    $"{SecondsBefore("n.i")}, {Id(1)}, '', '', '', '', '', 0, 0"),
                InsertOverSeries("BudgetLine", """ "Id", "ApplicationId", "Position", "Category", "Description", "Quantity", "UnitCostAmount", "UnitCostCurrency" """,
                    $"{Id(3)}, {Id(2)}, 0, 'Travel', 'Flights', 2, 1000 + n.i % 500, 'CHF'"),
                InsertOverSeries("ApplicationPartner", """ "Id", "ApplicationId", "StatePartyId", "Role" """,
                    $"{Id(4)}, {Id(2)}, {partner}, 'Host'"),
                InsertOverSeries("GenderReviews", """ "Id", "ApplicationId", "Marker", "Rationale", "ReviewerUserId", "CompletedAtUtc", "ChecklistVersion" """,
                    $"{Id(5)}, {Id(2)}, 2, 'Principal.', 'perf', {SecondsBefore("n.i")}, 1", AtCommittee),
                .. members.Select((m, k) => InsertOverSeries("CommitteeScores", """
                    "Id", "ApplicationId", "MemberUserId", "MemberName", "Score", "SubmittedAtUtc", "CriteriaJson", "Revision", "RubricVersion", "WeightedScore"
                    """,
                    $"{Id(10 + k)}, {Id(2)}, '{m.Id}', '{m.DisplayName.Replace("'", "''")}', 4, {SecondsBefore("n.i")}, '{criteria}', 1, 1, 4", AtCommittee)),
                InsertOverSeries("WorkflowTasks", """ "Id", "InstanceId", "SubjectId", "TaskId", "Stage", "Role", "Title", "DueAtUtc", "OpenedAtUtc" """,
                    $"{Id(6)}, {Id(1)}, {Id(2)}, 'screen', {Stage}, '{CafRoles.IsuOfficer}', 'Screen eligibility', {SecondsBefore("(n.i - 10000) * 60")}, {SecondsBefore("n.i")}",
                    "n.i % 8 <= 1"),
                InsertOverSeries("LedgerEntries", """
                    "Id", "Kind", "ValueDate", "Description", "ApplicationId", "RecordedByUserId", "RecordedAtUtc", "Amount", "Currency",
                    "FundAmount", "FundCurrency", "Rate", "RateDate", "RateSource"
                    """,
                    $"{Id(7)}, CASE n.i % 5 WHEN 0 THEN 'Contribution' WHEN 1 THEN 'Commitment' WHEN 2 THEN 'Disbursement' WHEN 3 THEN 'Refund' ELSE 'BankCharge' END, " +
                    $"{DaysAfter2026($"n.i % {Budget}")}, 'Entry ' || n.i, CASE WHEN n.i % 5 = 0 THEN NULL ELSE {Id(2)} END, 'perf', {SecondsBefore("n.i")}, " +
                    "100 + n.i % 900, CASE WHEN n.i % 10 = 0 THEN 'USD' ELSE 'CHF' END, " +
                    // USD rows at a rate of 0.9 (the fund amount has at most one decimal), CHF rows at 1.
                    $"CASE WHEN n.i % 10 = 0 THEN (100 + n.i % 900) * 0.9 ELSE 100 + n.i % 900 END, 'CHF', CASE WHEN n.i % 10 = 0 THEN 0.9 ELSE 1 END, " +
                    $"{DaysAfter2026($"n.i % {Budget}")}, 'perf'"),
            ];
            // Raw SQL with no parameters: braces (in the scores' JSON) are doubled so that EF does not read them as placeholders.
            foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{").Replace("}", "}}"));
            await db.Database.ExecuteSqlRawAsync(Caf.Data.Finance.LedgerPeriodSums.RebuildSql(db.Database)!);
            await transaction.CommitAsync();
            if (Sql.Analyze is { } analyze) await db.Database.ExecuteSqlRawAsync(analyze);
            return 0;
        });
        seeding.Stop();

        var pages = new (string Email, string Name, string Url, string Expect)[]
        {
            // Counted up to 1,000 (ADR 0042): the count reads a thousand rows, not twenty thousand.
            ("isu@caf.demo", "Applications (home)", "/", "Showing 1 to 50 of more than 1,000."),
            ("isu@caf.demo", "Applications, page 30", "/?p=30", "Showing 1,451 to 1,500 of more than 1,500."),
            ("isu@caf.demo", "My tasks (ISU officer)", "/Tasks", "More than 1,000 open tasks"),
            ("isu@caf.demo", "Committee ranking", $"/Committee/Ranking?round={rounds[3]}", "Exchange of practice number"),
            ("finance@caf.demo", "Fund ledger", "/Finance/Ledger", "of 20,0"),
            ("isu@caf.demo", "ISU dashboard", "/Dashboard", "Applications by stage"),
            ("finance@caf.demo", "Finance dashboard", "/Dashboard", "Cash at the end of each month"),
            ("member1@caf.demo", "Committee dashboard", "/Dashboard", "to score"),
        };
        // What a page costs must not grow with history: at 20,000 applications each list still sends a handful of SQL
        // commands and a page-sized answer. Those are asserted; the time is measured and reported (docs/PERFORMANCE.md),
        // never asserted, because a shared CI machine's clock is not the code's cost.
        var measured = new List<(string Name, long Ms, int Commands, int Bytes)>();
        foreach (var (email, name, url, expect) in pages)
        {
            using var session = factory.NewSession();
            await session.SignInAsync(email);
            var (warmStatus, warm) = await session.GetAsync(url);
            Assert.True(warmStatus == HttpStatusCode.OK, $"{name}: {(int)warmStatus}");
            Assert.Contains(expect, warm);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(SqlCommandCounter.Header, name);
            var watch = Stopwatch.StartNew();
            using var response = await session.Client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            measured.Add((name, watch.ElapsedMilliseconds, factory.SqlCommands.CountOf(name), body.Length));
        }
        // "More than" in the reader's language, numbers written as that language writes them.
        foreach (var (language, list, tasks) in new[] { ("fr", "Lignes 1 à 50 sur plus de 1\u202F000.", "Plus de 1\u202F000 tâches ouvertes"),
                                                         ("es", "Filas 1 a 50 de más de 1.000.", "Más de 1.000 tareas abiertas") })
        {
            await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "isu@caf.demo").ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language)));
            using var session = factory.NewSession();
            await session.SignInAsync("isu@caf.demo");
            Assert.Contains(list, System.Net.WebUtility.HtmlDecode((await session.GetAsync("/")).Html));
            Assert.Contains(tasks, System.Net.WebUtility.HtmlDecode((await session.GetAsync("/Tasks")).Html));
        }
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "isu@caf.demo").ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "en")));

        var report = $"{GetType().Name}: started and seeded the base in {setUp.TotalMilliseconds:N0} ms, inserted {Applications:N0} applications in {seeding.ElapsedMilliseconds:N0} ms; " +
                     string.Join("; ", measured.Select(m => $"{m.Name} {m.Ms} ms, {m.Commands} SQL commands, {m.Bytes / 1024:N0} KB"));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.SendDiagnosticMessage(report);
        Assert.All(measured, m =>
        {
            Assert.True(m.Commands <= SqlCommandCountTests.ListPageBound,
                $"{m.Name}: {m.Commands} SQL commands with {Applications:N0} applications, more than {SqlCommandCountTests.ListPageBound}.");
            Assert.True(m.Bytes <= MaxPageBytes, $"{m.Name}: {m.Bytes:N0} bytes with {Applications:N0} applications, more than {MaxPageBytes:N0}.");
        });
    }
}

public sealed class SqliteLargeListTests : LargeListTests
{
    protected override CafAppFactory NewFactory() => new SqliteAppFactory();
    private protected override ScaleSql Sql { get; } = new SqliteScaleSql();
}

public sealed class PostgresLargeListTests : LargeListTests
{
    protected override CafAppFactory NewFactory() => new PostgresAppFactory();
    private protected override ScaleSql Sql { get; } = new PostgresScaleSql();
}
