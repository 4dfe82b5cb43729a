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
        change?.Invoke(application, builder);
        GrantApplicationBuilder.Submit(application);
        application.MarkSubmitted("CAF-2026-001", GrantApplicationBuilder.Now);
        return (application, builder, application.Round!);
    }

    private static IReadOnlyList<CheckOutcome> Evaluate(GrantApplication application, GrantApplicationBuilder builder, FundingRound round,
        StatePartyRecord? applicant = null, StatePartyRecord? partner = null, bool noApplicantRecord = false) =>
        EligibilityRules.Evaluate(application, round, builder.Applicant,
            noApplicantRecord ? null : applicant ?? Record("KHM", new DateOnly(1999, 7, 28), 2024, 2025),
            application.Partners.Select(p => (p.StatePartyId == builder.Partner.Id ? builder.Partner : builder.OtherPartner,
                (StatePartyRecord?)(partner ?? Record("COL", new DateOnly(2001, 3, 1), 2025)))).ToList(),
            ScreeningDate);

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
        { "no Article 7 report last year", "article7-report", "No Article 7 report for 2025 is recorded for Cambodia" },
        { "partner not a party", "partner-state-party", "No partner is a State Party other than the applicant" },
        { "no partner", "partner-state-party", "No partner State Party is named." },
        { "submitted after closing", "before-deadline", "outside the round's opening" },
        { "above the ceiling", "amount", "above the ceiling of CHF 1,000.00" },
        { "activities outside the window", "dates-in-window", "implementation window 1 Jun 2026 – 31 Dec 2026" },
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
                a.ReplaceActivities([("Visit", new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 9), "Bogotá", b.Partner.Id)]),
            "no endorsement letter" => (a, _) => a.RemoveAttachment(a.EndorsementLetter!.Id),
            _ => null,
        };
        var (application, builder, round) = Passing(change);
        StatePartyRecord? applicant = null, partner = null;
        var noApplicantRecord = false;
        switch (situation)
        {
            case "applicant not listed": noApplicantRecord = true; break;
            case "applicant not yet a party": applicant = Record("KHM", ScreeningDate.AddDays(1), 2024, 2025); break;
            case "no Article 7 report last year": applicant = Record("KHM", new DateOnly(1999, 7, 28), 2023, 2024); break;
            case "partner not a party": partner = Record("COL", null); break;
            case "submitted after closing": application.MarkSubmitted("CAF-2026-001", round.ClosesAtUtc.AddSeconds(1)); break;
            case "above the ceiling": round = new GrantApplicationBuilder().Round(ceiling: 1_000m); break;
        }
        var outcomes = Evaluate(application, builder, round, applicant, partner, noApplicantRecord);
        var failed = outcomes.Where(o => !o.Passed).ToList();
        var only = Assert.Single(failed, o => o.Code == failingCheck);
        Assert.Contains(reason, only.Reason);
        // The applicant not being a party also means no report can be found for it; every other case fails alone.
        if (situation != "applicant not listed") Assert.Single(failed);
    }
}
