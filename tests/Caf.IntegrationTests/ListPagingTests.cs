using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The lists page, filter and sort in SQL: a page of 50 with a count and links that keep the filters, totals over the
/// whole filter; a page number out of range or a filter that makes no sense gives a normal page, never an error.
/// </summary>
public abstract class ListPagingTests(CafAppFactory factory)
{
    private readonly GrantScenario _scenario = new(factory);

    // Long before anything the seed records, so that a date filter picks out this test's entries only.
    private static DateOnly Day(int n) => new DateOnly(2001, 1, 1).AddDays(n);
    private const string Year2001 = "From=2001-01-01&AsOf=2001-12-31";

    [Fact]
    public async Task The_ledger_pages_and_its_totals_cover_the_whole_filter()
    {
        await factory.ResetAsync();
        await factory.WithDbAsync(async db =>
        {
            var finance = await db.Users.Where(u => u.Email == "finance@caf.demo").Select(u => u.Id).SingleAsync();
            for (var i = 0; i < 120; i++)
                db.LedgerEntries.Add(new LedgerEntry(i % 3 == 0 ? LedgerEntryKind.BankCharge : LedgerEntryKind.Contribution,
                    new Money(10.25m + i, i % 4 == 0 ? "USD" : "CHF").InFund(Day(i)), Day(i), $"Entry {i:000}", null, null, finance, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var entries = await factory.WithDbAsync(db => db.LedgerEntries.AsNoTracking().ToListAsync());
        using var finance = factory.NewSession();
        await finance.SignInAsync("finance@caf.demo");

        var (status, html) = await finance.GetAsync($"/Finance/Ledger?Kind=BankCharge&{Year2001}&p=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var charges = entries.Where(e => e.Kind == LedgerEntryKind.BankCharge && e.ValueDate.Year == 2001).ToList();
        Assert.Equal(40, charges.Count);
        Assert.Contains("Showing 1 to 40 of 40.", html);
        var chfOut = charges.Where(e => e.Amount.Currency == "CHF").Sum(e => e.Amount.Amount);
        Assert.Contains($"id=\"balance-CHF\">{new Money(-chfOut, "CHF")}<", html);

        (status, html) = await finance.GetAsync($"/Finance/Ledger?{Year2001}&Sort=newest&p=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Showing 51 to 100 of 120.", html);
        Assert.Contains("Entry 069", html);
        Assert.DoesNotContain("Entry 070", html);
        Assert.Contains("href=\"/Finance/Ledger?From=2001-01-01&amp;AsOf=2001-12-31&amp;Sort=newest&amp;p=3\"", html);
        // The balances are those of every entry up to today, not of the page.
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var all = entries.Where(e => e.Amount.Currency == "CHF" && e.ValueDate <= today).Sum(e => e.CashEffect);
        (status, html) = await finance.GetAsync("/Finance/Ledger?p=3");
        Assert.Contains($"id=\"balance-CHF\">{new Money(all, "CHF")}<", html);

        foreach (var odd in new[] { "p=99999", "p=-3", "p=abc", "p=99999999999999", "Kind=Nothing", "Kind=42", "From=yesterday",
                     "AsOf=2026-13-45", "From=2027-01-01&AsOf=2026-01-01", "Sort=sideways" })
        {
            (status, html) = await finance.GetAsync("/Finance/Ledger?" + odd);
            Assert.True(status == HttpStatusCode.OK, $"{odd}: {(int)status}");
            Assert.Contains("<h1>Fund ledger</h1>", html);
        }
        (_, html) = await finance.GetAsync($"/Finance/Ledger?{Year2001}&p=99999");
        Assert.Contains("Page 3 of 3.", html);
    }

    [Fact]
    public async Task The_applications_list_and_my_tasks_filter_in_SQL_and_never_fail_on_odd_values()
    {
        await factory.ResetAsync();
        var end = Caf.Data.FundTime.Today(factory.Clock).AddMonths(6);
        var mines = await _scenario.AtGenderReviewAsync(end, title: "Mine awareness visit");
        var victims = await _scenario.AtGenderReviewAsync(end, title: "Victim assistance exchange");
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == victims).Select(a => a.Reference).SingleAsync());
        using var isu = factory.NewSession();
        await isu.SignInAsync("isu@caf.demo");

        var (status, html) = await isu.GetAsync("/?Q=awareness");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Mine awareness visit", html);
        Assert.DoesNotContain("Victim assistance exchange", html);
        Assert.Contains("Showing 1 to 1 of 1.", html);

        (_, html) = await isu.GetAsync($"/?Q={reference}&Stage=GenderReview&Sort=title");
        Assert.Contains("Victim assistance exchange", html);
        Assert.DoesNotContain("Mine awareness visit", html);
        (_, html) = await isu.GetAsync("/?Stage=Closed");
        Assert.Contains("No application matches these filters.", html);

        // By the gender marker the focal point gave (2 in the scenario): the reviewed application only, and for staff only.
        var reviewed = await _scenario.AtCommitteeReviewAsync(end, new Dictionary<string, int>(), title: "Reviewed land release exchange");
        (_, html) = await isu.GetAsync("/?Marker=2");
        Assert.Contains("Reviewed land release exchange", html);
        Assert.DoesNotContain("Mine awareness visit", html);
        Assert.Contains("Showing 1 to 1 of 1.", html);
        (_, html) = await isu.GetAsync("/?Marker=1");
        Assert.Contains("No application matches these filters.", html);
        using (var applicant = factory.NewSession())
        {
            await applicant.SignInAsync(GrantJourney.Applicant);
            (_, html) = await applicant.GetAsync("/?Marker=1");
            Assert.DoesNotContain("id=\"marker\"", html);
            Assert.Contains($"/Applications/Details/{reviewed}", html);
        }

        foreach (var odd in new[] { "p=500", "p=0", "p=x", "Stage=NoSuchStage", "Round=not-a-round", $"Round={Guid.NewGuid()}", "State=7",
                     "Sort=upside-down", "Q=" + new string('x', 5000), "Q=%25_%27", "Marker=7", "Marker=x", "Marker=-1" })
        {
            (status, html) = await isu.GetAsync("/?" + odd);
            Assert.True(status == HttpStatusCode.OK, $"/?{odd}: {(int)status}");
            Assert.Contains("<h1>Applications</h1>", html);
        }

        using var gender = factory.NewSession();
        await gender.SignInAsync("gender@caf.demo");
        // The count is the search's, not the whole list's: it counts through the applications only when searching.
        var (_, allTasks) = await gender.GetAsync("/Tasks");
        var genderTasks = await factory.WithDbAsync(db => db.WorkflowTasks.CountAsync(t => t.ClosedAtUtc == null && t.Role == CafRoles.GenderFocalPoint));
        Assert.True(genderTasks > 1, $"{genderTasks} open tasks for the gender focal point");
        Assert.Matches($@">{genderTasks} open task\(s\)[.,]", allTasks);
        (status, html) = await gender.GetAsync("/Tasks?Q=awareness");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@">1 open task\(s\)[.,]", html);
        Assert.Contains("Mine awareness visit", html);
        Assert.DoesNotContain("Victim assistance exchange", html);
        Assert.Contains($"/Applications/Details/{mines}", html);
        foreach (var odd in new[] { "p=77", "p=-1", "Overdue=perhaps", "Overdue=true", "Q=" + new string('y', 3000) })
        {
            (status, html) = await gender.GetAsync("/Tasks?" + odd);
            Assert.True(status == HttpStatusCode.OK, $"/Tasks?{odd}: {(int)status}");
            Assert.Contains("<h1>My tasks</h1>", html);
        }
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteListPagingTests(SqliteAppFactory factory) : ListPagingTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresListPagingTests(PostgresAppFactory factory) : ListPagingTests(factory);
