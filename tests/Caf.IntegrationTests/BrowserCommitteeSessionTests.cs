using System.Globalization;
using System.Text.RegularExpressions;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>
/// A committee session in a real browser: the chair reads the ranking of a round with its funding line, decides each
/// application in one meeting, and downloads the minutes.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class BrowserCommitteeSessionTests(BrowserAppFactory factory)
{
    private const string RoundTitle = "Committee session round";
    private const decimal Envelope = 40_000m;
    private const decimal ReducedAmount = 12_500m;
    private const string Condition = "Share the survey procedure with the national authority within 30 days of return.";

    /// <summary>A proposal to arrange: what it asks for and the level each scoring member gives on every criterion.</summary>
    private sealed record Proposal(string Title, decimal Requested, Dictionary<string, int> Levels)
    {
        public string Reference { get; set; } = "";
        public Guid Id { get; set; }

        /// <summary>A member scoring one level on every criterion has that weighted score; the committee's is their mean.</summary>
        public decimal WeightedMean => (decimal)Levels.Values.Sum() / Levels.Count;
    }

    private static Dictionary<string, int> Levels(int chair, int member1, int member2, int member3) => new()
    {
        [GrantJourney.Chair] = chair,
        [GrantJourney.Members[0]] = member1,
        [GrantJourney.Members[1]] = member2,
        [GrantJourney.Members[2]] = member3,
    };

    [Fact]
    public async Task The_chair_ranks_a_round_against_its_envelope_decides_each_application_in_one_meeting_and_downloads_the_minutes()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();

        // Three proposals whose best-first order is neither the order they arrive in nor the order of their amounts.
        var best = new Proposal("Non-technical survey: Cambodian team visits Colombia", 18_000m, Levels(5, 5, 5, 4));
        var second = new Proposal("Victim assistance: Cambodian team visits Colombia", 15_000m, Levels(4, 4, 4, 3));
        var last = new Proposal("Stockpile records: Cambodian team visits Colombia", 12_000m, Levels(3, 3, 2, 2));
        var scenario = new GrantScenario(factory);
        var roundId = await scenario.OpenRoundAsync(RoundTitle, Envelope, ceiling: 20_000m);
        var activityEnd = Caf.Data.FundTime.Today(factory.Clock).AddDays(60);
        foreach (var proposal in new[] { last, best, second })
        {
            proposal.Id = await scenario.AtCommitteeReviewAsync(activityEnd, proposal.Levels, roundId: roundId,
                amount: proposal.Requested, title: proposal.Title);
            proposal.Reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == proposal.Id).Select(a => a.Reference!).SingleAsync());
        }
        Assert.Equal([4.75m, 3.75m, 2.50m], new[] { best.WeightedMean, second.WeightedMean, last.WeightedMean });
        // The envelope holds the first two requests (18,000 + 15,000) but not the third (+ 12,000 = 45,000).
        Assert.True(best.Requested + second.Requested <= Envelope && best.Requested + second.Requested + last.Requested > Envelope);

        // The ranking: best weighted mean first, the running total, and the funding line where the envelope runs out.
        var chair = await factory.SignInAsync(GrantJourney.Chair);
        await chair.GotoAsync("/Committee/Ranking");
        await chair.GetByLabel("Round").SelectOptionAsync(new SelectOptionValue { Label = RoundTitle });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(chair.Locator("#envelope")).ToHaveTextAsync("CHF 40,000.00");
        var rows = chair.Locator("table.ranking tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await ExpectRankedAsync(rows.Nth(0), 1, best, cumulative: 18_000m, within: true);
        await ExpectRankedAsync(rows.Nth(1), 2, second, cumulative: 33_000m, within: true);
        await Expect(rows.Nth(2)).ToHaveClassAsync("funding-line");
        await Expect(rows.Nth(2)).ToHaveTextAsync("Funding line: the envelope of CHF 40,000.00 is reached above this row.");
        await ExpectRankedAsync(rows.Nth(3), 3, last, cumulative: 45_000m, within: false);

        // One meeting, held yesterday (never in the future, whatever Geneva's date), with the member from Peru absent.
        var meetingDate = Caf.Data.FundTime.Today(factory.Clock).AddDays(-1);
        const string present = "Chair (Thailand); Member (Belgium); Member (Zambia)";

        await OpenDecisionAsync(chair, best, "Approve", meetingDate);
        await chair.Locator("#decision-approve").CheckAsync();
        await Expect(chair.GetByLabel("Approved amount (CHF), if approving")).ToHaveValueAsync(new Regex(@"^18000(\.0+)?$"));
        await chair.GetByLabel("Rationale").FillAsync("Strongest proposal: a clear peer exchange on land release.");
        await RecordAsync(chair, "Decision recorded: approve.", "Approved");
        await Expect(Fact(chair, "Approved")).ToHaveTextAsync("CHF 18,000.00");

        await OpenDecisionAsync(chair, second, "Approve", meetingDate);
        await chair.Locator("#decision-approve").CheckAsync();
        await chair.GetByLabel("Approved amount (CHF), if approving").FillAsync(ReducedAmount.ToString(CultureInfo.InvariantCulture));
        await chair.GetByLabel("Rationale").FillAsync("Approved with a reduced delegation to stay within the envelope.");
        await chair.GetByLabel("Conditions (optional)").FillAsync(Condition);
        await RecordAsync(chair, "Decision recorded: approve.", "Approved");
        await Expect(Fact(chair, "Approved")).ToHaveTextAsync("CHF 12,500.00");
        await Expect(chair.GetByText($"Conditions: {Condition}")).ToBeVisibleAsync();

        const string rejection = "Below the funding line: the envelope is spent on better-ranked exchanges.";
        await OpenDecisionAsync(chair, last, "Reject", meetingDate);
        await chair.Locator("#decision-reject").CheckAsync();
        await chair.GetByLabel("Rationale").FillAsync(rejection);
        // A rejection asks first, on the page itself, and fires only from its own destructive button.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Reject this application?" })).ToBeVisibleAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reject the application" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync("Decision recorded: reject.");
        await Expect(chair.Locator("#stage")).ToHaveTextAsync("Rejected");
        await Expect(chair.Locator("ol.history li").Last).ToContainTextAsync($"“{rejection}”");
        await Expect(Fact(chair, "Approved")).ToHaveCountAsync(0);

        // The minutes: one meeting, its members present, and each decision as it was taken.
        await chair.GotoAsync("/Committee/Minutes");
        var meeting = chair.Locator("section.meeting");
        await Expect(meeting).ToHaveCountAsync(1);
        await Expect(meeting.Locator("h2")).ToHaveTextAsync($"{meetingDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} — {RoundTitle}");
        await Expect(meeting.GetByText("Present:")).ToHaveTextAsync($"Present: {present}");
        await Expect(meeting.Locator("li")).ToHaveCountAsync(3);
        var download = await chair.RunAndWaitForDownloadAsync(() =>
            meeting.GetByRole(AriaRole.Link, new() { Name = "Download these minutes as Excel" }).ClickAsync());
        Assert.Equal($"minutes-{meetingDate:yyyy-MM-dd}.xlsx", download.SuggestedFilename);
        await using var file = File.OpenRead(await download.PathAsync());
        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("Minutes");
        Assert.Contains(meetingDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), sheet.Cell("A1").GetString());
        Assert.Equal(present, sheet.Cell("B2").GetString());
        string[] header = ["Reference", "Title", "Decision", "Approved amount", "Currency", "Conditions", "Rationale"];
        Assert.Equal(header, Enumerable.Range(1, header.Length).Select(c => sheet.Cell(5, c).GetString()));
        AssertMinute(sheet.Row(6), best, "Approved", best.Requested, "", "Strongest proposal: a clear peer exchange on land release.");
        AssertMinute(sheet.Row(7), second, "Approved", ReducedAmount, Condition, "Approved with a reduced delegation to stay within the envelope.");
        AssertMinute(sheet.Row(8), last, "Rejected", null, "", rejection);
        Assert.Equal("Total approved", sheet.Cell("C9").GetString());
        Assert.Equal(best.Requested + ReducedAmount, sheet.Cell("D9").GetValue<decimal>());
    }

    private static async Task ExpectRankedAsync(ILocator row, int rank, Proposal proposal, decimal cumulative, bool within)
    {
        await Expect(row).ToHaveClassAsync(within ? "within" : "beyond");
        await Expect(row.Locator("td")).ToHaveTextAsync([
            rank.ToString(CultureInfo.InvariantCulture),
            $"{proposal.Reference} — {proposal.Title}",
            "Committee review",
            proposal.WeightedMean.ToString("0.00", CultureInfo.InvariantCulture),
            proposal.Requested.ToString("N2", CultureInfo.InvariantCulture),
            "2",
            cumulative.ToString("N2", CultureInfo.InvariantCulture),
        ]);
    }

    /// <summary>From the ranking, through the application's page, to the decision form, with the meeting filled in.</summary>
    private static async Task OpenDecisionAsync(IPage chair, Proposal proposal, string action, DateOnly meetingDate)
    {
        await chair.GotoAsync("/Committee/Ranking");
        await chair.GetByLabel("Round").SelectOptionAsync(new SelectOptionValue { Label = RoundTitle });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await chair.GetByRole(AriaRole.Link, new() { Name = proposal.Reference, Exact = true }).ClickAsync();
        await Expect(chair.Locator("#stage")).ToHaveTextAsync("Committee review");
        await chair.GetByRole(AriaRole.Link, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = $"Committee decision on {proposal.Reference}" })).ToBeVisibleAsync();
        await chair.GetByLabel("Meeting date").FillAsync(meetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var member in new[] { "Chair (Thailand)", "Member (Belgium)", "Member (Zambia)" })
            await Expect(chair.GetByLabel(member)).ToBeCheckedAsync();
        await chair.GetByLabel("Member (Peru)").UncheckAsync();
    }

    private static async Task RecordAsync(IPage chair, string message, string stage)
    {
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Status)).ToHaveTextAsync(message);
        await Expect(chair.Locator("#stage")).ToHaveTextAsync(stage);
    }

    /// <summary>The value of a fact in the application page's list of facts, by its term.</summary>
    private static ILocator Fact(IPage page, string term) => page.Locator($"dl.facts dt:text-is('{term}') + dd");

    private static void AssertMinute(IXLRow row, Proposal proposal, string decision, decimal? amount, string conditions, string rationale)
    {
        Assert.Equal(proposal.Reference, row.Cell(1).GetString());
        Assert.Equal(proposal.Title, row.Cell(2).GetString());
        Assert.Equal(decision, row.Cell(3).GetString());
        if (amount is { } expected) Assert.Equal(expected, row.Cell(4).GetValue<decimal>());
        else Assert.True(row.Cell(4).IsEmpty(), $"{proposal.Reference} was {decision.ToLowerInvariant()}, yet the minutes show an amount: {row.Cell(4).GetString()}");
        Assert.Equal("CHF", row.Cell(5).GetString());
        Assert.Equal(conditions, row.Cell(6).GetString());
        Assert.Equal(rationale, row.Cell(7).GetString());
    }
}
