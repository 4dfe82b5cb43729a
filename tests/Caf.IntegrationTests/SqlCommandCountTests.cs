using System.Net;
using Caf.IntegrationTests.Infrastructure;

namespace Caf.IntegrationTests;

/// <summary>
/// The busiest pages send a bounded number of SQL commands whatever the number of applications: no query per row
/// (N+1). Counted over HTTP, per request, with several applications in the round.
/// </summary>
public abstract class SqlCommandCountTests(CafAppFactory factory)
{
    // Measured (SQLite and PostgreSQL alike): details 26 — the application's graph is 21 split queries, one per collection
    // (the interim reports due the latest), plus the page's own — so 28 leaves room for a query or two but not for one per
    // score or per partner.
    private const int ApplicationPageBound = 28;

    // Measured with paging (SQLite and PostgreSQL alike): home 5, tasks 4, ranking 7 (as the chair), ledger 2; one query per
    // listed application (five here) would pass 8.
    internal const int ListPageBound = 8;

    private readonly GrantScenario _scenario = new(factory);

    [Fact]
    public async Task Details_home_decide_and_lists_send_a_bounded_number_of_commands()
    {
        await factory.ResetAsync();
        var end = Caf.Data.FundTime.Today(factory.Clock).AddMonths(6);
        var scores = new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 3, ["member3@caf.demo"] = 5 };
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await _scenario.AtCommitteeReviewAsync(end, scores, title: $"Exchange {i}"));
        await _scenario.ActiveGrantAsync(end);

        var counts = new Dictionary<string, int>();
        async Task CountAsync(string email, string label, string url)
        {
            using var session = factory.NewSession();
            await session.SignInAsync(email);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add(SqlCommandCounter.Header, label);
            using var response = await session.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts[label] = factory.SqlCommands.CountOf(label);
        }

        await CountAsync("chair@caf.demo", "details", $"/Applications/Details/{ids[0]}");
        await CountAsync("isu@caf.demo", "home", "/");
        await CountAsync("chair@caf.demo", "decide", $"/Committee/Decide/{ids[1]}");
        await CountAsync("isu@caf.demo", "tasks", "/Tasks");
        await CountAsync("chair@caf.demo", "ranking", "/Committee/Ranking");
        await CountAsync("finance@caf.demo", "ledger", "/Finance/Ledger");

        TestContext.Current.SendDiagnosticMessage(string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        TestContext.Current.TestOutputHelper?.WriteLine("SQL commands per request: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        Assert.All(counts, c =>
        {
            var bound = c.Key is "details" or "decide" ? ApplicationPageBound : ListPageBound;
            Assert.True(c.Value <= bound, $"{c.Key}: {c.Value} SQL commands, more than {bound}");
        });
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteSqlCommandCountTests(SqliteAppFactory factory) : SqlCommandCountTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresSqlCommandCountTests(PostgresAppFactory factory) : SqlCommandCountTests(factory);
