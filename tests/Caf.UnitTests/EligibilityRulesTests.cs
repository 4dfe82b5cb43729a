using Caf.Data;
using Caf.Data.Eligibility;
using Caf.Data.Entities;

namespace Caf.UnitTests;

/// <summary>The automatic eligibility checks, one case per rule, each failing for its own reason.</summary>
public sealed class EligibilityRulesTests
{
    private static readonly DateOnly ScreeningDate = DateOnly.FromDateTime(GrantApplicationBuilder.Now);

    private static StatePartyRecord Record(string iso, DateOnly? since, params int[] article7) =>
        new(Guid.Empty, iso, iso, iso, iso, since, Article5Status.None, null, false, article7);

    /// <summary>A complete, submitted application that passes every check, for each case to break one thing.</summary>
    private static (GrantApplication Application, GrantApplicationBuilder Builder, FundingRound Round) Passing(
        Action<GrantApplication, GrantApplicationBuilder>? change = null)
    {
        var builder = new GrantApplicationBuilder();
        var application = builder.Draft();
        application.UpdateDraft("Exchange", "Summary.", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 8));
        application.ReplacePartners([(builder.Partner.Id, PartnerRole.Host)]);
        application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 2m, new Money(1_000m, "CHF"))]);
        application.ReplaceActivities([("Visit", new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 6), "Bogotá", builder.Partner.Id)]);
        application.Attach(AttachmentKind.EndorsementLetter, "letter.pdf", "application/pdf", "%PDF-1"u8.ToArray(), "u", GrantApplicationBuilder.Now);
        GrantApplicationBuilder.CompleteNarrative(application);
        // Only a complete proposal is marked submitted: the change that breaks one rule (no partner, no letter) comes after,
        // as the rules also check what the entity already refuses.
        application.MarkSubmitted("CAF-2026-001", GrantApplicationBuilder.Now);
        change?.Invoke(application, builder);
        GrantApplicationBuilder.Submit(application);
        return (application, builder, application.Round!);
    }

    private static IReadOnlyList<CheckOutcome> Evaluate(GrantApplication application, GrantApplicationBuilder builder, FundingRound round,
        StatePartyRecord? applicant = null, StatePartyRecord? partner = null, bool noApplicantRecord = false, Money? requested = null,
        DateOnly? submittedOn = null) =>
        EligibilityRules.Evaluate(application, round, builder.Applicant,
            noApplicantRecord ? null : applicant ?? Record("KHM", new DateOnly(1999, 7, 28), 2024, 2025),
            application.Partners.Select(p => (p.StatePartyId == builder.Partner.Id ? builder.Partner : builder.OtherPartner,
                (StatePartyRecord?)(partner ?? Record("COL", new DateOnly(2001, 3, 1), 2025)))).ToList(),
            ScreeningDate, requested ?? application.RequestedAmount, submittedOn ?? DateOnly.FromDateTime(application.SubmittedAtUtc!.Value));

    [Fact]
    public void A_complete_application_by_parties_in_good_standing_passes_every_check()
    {
        var (application, builder, round) = Passing();
        var outcomes = Evaluate(application, builder, round);
        Assert.Equal(EligibilityRules.Checks.Select(c => c.Code), outcomes.Select(o => o.Code));
        Assert.All(outcomes, o => Assert.True(o.Passed, $"{o.Code}: {o.Reason}"));
    }

    public static TheoryData<string, string, string> Failures => new()
    {
        { "applicant not listed", "applicant-state-party", "do not list Cambodia" },
        { "applicant not yet a party", "applicant-state-party", "Cambodia is not a State Party on" },
        { "no Article 7 report due", "article7-report", "No Article 7 report for 2024 is recorded for Cambodia (due 30 April 2025" },
        { "partner not a party", "partner-state-party", "No partner is a State Party other than the applicant" },
        { "no partner", "partner-state-party", "No partner State Party is named." },
        { "submitted after closing", "before-deadline", "outside the round's opening" },
        { "above the ceiling", "amount", "above the ceiling of CHF 1,000.00" },
        { "activities outside the window", "dates-in-window", "implementation window 1 Jun 2026 – 31 Dec 2026" },
        { "requested differs from the budget", "amount", "CHF 2,500.00 requested differs from the budget total CHF 2,000.00" },
        { "longer than the round allows", "duration", "Activities last 92 day(s); the round allows at most 90." },
        { "no endorsement letter", "endorsement-letter", "No endorsement letter is attached." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_rule_fails_alone_with_its_reason(string situation, string failingCheck, string reason)
    {
        Action<GrantApplication, GrantApplicationBuilder>? change = situation switch
        {
            "no partner" => (a, _) => a.ReplacePartners([]),
            "activities outside the window" => (a, b) =>
            {
                a.UpdateDraft("Exchange", "Summary.", new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 9));
                a.ReplaceActivities([("Visit", new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 9), "Bogotá", b.Partner.Id)]);
            },
            "no endorsement letter" => (a, _) => a.RemoveAttachment(a.EndorsementLetter!.Id),
            "longer than the round allows" => (a, _) => a.UpdateDraft("Exchange", "Summary.", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)),
            _ => null,
        };
        var (application, builder, round) = Passing(change);
        StatePartyRecord? applicant = null, partner = null;
        var noApplicantRecord = false;
        switch (situation)
        {
            case "applicant not listed": noApplicantRecord = true; break;
            case "applicant not yet a party": applicant = Record("KHM", ScreeningDate.AddDays(1), 2024, 2025); break;
            case "no Article 7 report due": applicant = Record("KHM", new DateOnly(1999, 7, 28), 2023, 2025); break;
            case "partner not a party": partner = Record("COL", null); break;
            case "submitted after closing": application.MarkSubmitted("CAF-2026-001", round.ClosesAtUtc.AddSeconds(1)); break;
            case "above the ceiling": round = GrantApplicationBuilder.Round(ceiling: 1_000m); break;
        }
        var requested = situation == "requested differs from the budget" ? new Money(2_500m, "CHF") : (Money?)null;
        var outcomes = Evaluate(application, builder, round, applicant, partner, noApplicantRecord, requested);
        var failed = outcomes.Where(o => !o.Passed).ToList();
        var only = Assert.Single(failed, o => o.Code == failingCheck);
        Assert.Contains(reason, only.Reason);
        // The applicant not being a party also means no report can be found for it; every other case fails alone.
        if (situation != "applicant not listed") Assert.Single(failed);
    }

    [Fact]
    public void Ninety_days_of_activities_is_within_a_ninety_day_maximum()
    {
        var (application, builder, round) = Passing((a, _) => a.UpdateDraft("Exchange", "Summary.", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 28)));
        var duration = Evaluate(application, builder, round).Single(o => o.Code == "duration");
        Assert.True(duration.Passed, duration.Reason);
        Assert.Equal("Activities last 90 day(s); the round allows at most 90.", duration.Reason);
    }

    [Fact]
    public void A_budget_line_in_another_currency_fails_the_amount_check_instead_of_breaking_the_screening()
    {
        var (application, builder, round) = Passing();
        var amount = Evaluate(application, builder, round, requested: new Money(2_000m, "USD")).Single(o => o.Code == "amount");
        Assert.False(amount.Passed);
    }

    /// <summary>Reports for year Y−1 are due on 30 April of Y; until then the report for Y−2 is the one that must be on record.</summary>
    [Theory]
    [InlineData("2027-04-29", new[] { 2025 }, true, 2025)]
    [InlineData("2027-04-29", new[] { 2026 }, false, 2025)]
    [InlineData("2027-04-30", new[] { 2025 }, false, 2026)]
    [InlineData("2027-04-30", new[] { 2025, 2026 }, true, 2026)]
    [InlineData("2027-05-01", new[] { 2025 }, false, 2026)]
    [InlineData("2027-05-01", new[] { 2026 }, true, 2026)]
    [InlineData("2027-01-01", new[] { 2025 }, true, 2025)]
    [InlineData("2026-12-31", new[] { 2025 }, true, 2025)]
    public void The_Article_7_report_asked_for_is_the_one_due_on_the_submission_date(string submitted, int[] reported, bool passes, int year)
    {
        var (application, builder, round) = Passing();
        var submittedOn = DateOnly.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture);

        var check = Evaluate(application, builder, round, applicant: Record("KHM", new DateOnly(1999, 7, 28), reported), submittedOn: submittedOn)
            .Single(o => o.Code == "article7-report");

        Assert.Equal(year, EligibilityRules.Article7YearDue(submittedOn));
        Assert.Equal(passes, check.Passed);
        Assert.Contains($"Article 7 report for {year}", check.Reason);
    }
}
