using Caf.Data.Entities;

namespace Caf.Data.Eligibility;

/// <summary>One automatic check's outcome, said for a person.</summary>
public sealed record CheckOutcome(string Code, string Title, bool Passed, string Reason);

/// <summary>
/// The automatic eligibility checks of DESIGN.md §5, computed from the application and the reference data in force on
/// the screening date. Pure: the caller loads the records, so the rules are tested without a database.
/// </summary>
public static class EligibilityRules
{
    public static readonly IReadOnlyList<(string Code, string Title)> Checks =
    [
        ("applicant-state-party", "The applicant is a State Party"),
        ("article7-report", "Article 7 report due at submission recorded"),
        ("partner-state-party", "A partner State Party other than the applicant"),
        ("before-deadline", "Submitted while the round was open"),
        ("amount", "Requested amount within the ceiling and equal to the budget total"),
        ("dates-in-window", "Activity dates inside the implementation window"),
        ("duration", "Activities no longer than the round's maximum duration"),
        ("endorsement-letter", "Endorsement letter attached"),
    ];

    /// <summary>Article 7 reports for year Y−1 are due on 30 April of year Y (Convention, Article 7.2).</summary>
    public const int Article7DueMonth = 4, Article7DueDay = 30;

    /// <summary>
    /// The year whose Article 7 report must be on record on <paramref name="date"/>: the previous year's from its due date
    /// (30 April) on, the year before that until then (29 April 2027 → 2025; 30 April 2027 → 2026).
    /// </summary>
    public static int Article7YearDue(DateOnly date) =>
        date >= new DateOnly(date.Year, Article7DueMonth, Article7DueDay) ? date.Year - 1 : date.Year - 2;

    /// <param name="requested">What the applicant asked for when submitting (the submitted version's total requested).</param>
    /// <param name="applicant">The applicant's reference record on the screening date, or null when the reference data do not list it.</param>
    /// <param name="partners">Each partner's ISO code with its record on the screening date (null when not listed).</param>
    /// <param name="submittedOn">
    /// The fund's date (Geneva) of the submission. The Article 7 rule asks for the report that was due on that date: an
    /// applicant is not refused for a report that fell due while it waited for screening. Null: not submitted; the
    /// screening date is used.
    /// </param>
    public static IReadOnlyList<CheckOutcome> Evaluate(GrantApplication application, FundingRound round, StateParty applicantState,
        StatePartyRecord? applicant, IReadOnlyList<(StateParty State, StatePartyRecord? Record)> partners, DateOnly screeningDate,
        Money requested, DateOnly? submittedOn)
    {
        var results = new List<CheckOutcome>();
        void Add(string code, bool passed, string reason) =>
            results.Add(new CheckOutcome(code, Checks.Single(c => c.Code == code).Title, passed, reason));

        var name = applicantState.Name;
        if (applicant is null)
            Add("applicant-state-party", false, DomainText.Get("Eligibility.NotListed", screeningDate, name));
        else if (applicant.PartySince is { } since && since <= screeningDate)
            Add("applicant-state-party", true, DomainText.Get("Eligibility.PartySince", name, since));
        else
            Add("applicant-state-party", false, DomainText.Get("Eligibility.NotPartyOn", name, screeningDate));

        var dueOn = submittedOn ?? screeningDate;
        var year = Article7YearDue(dueOn);
        Add("article7-report", applicant?.HasArticle7ReportFor(year) == true,
            applicant?.HasArticle7ReportFor(year) == true
                ? DomainText.Get("Eligibility.Article7Recorded", name, Year(year), Year(year + 1))
                : DomainText.Get("Eligibility.Article7Missing", Year(year), name, Year(year + 1), dueOn));

        var eligiblePartners = partners
            .Where(p => p.State.Id != applicantState.Id && p.Record?.PartySince is { } s && s <= screeningDate)
            .Select(p => p.State.Name).ToList();
        var notParties = partners.Where(p => p.State.Id != applicantState.Id && !eligiblePartners.Contains(p.State.Name))
            .Select(p => p.State.Name).ToList();
        Add("partner-state-party", eligiblePartners.Count > 0,
            eligiblePartners.Count > 0
                ? DomainText.Get("Eligibility.Partners", string.Join(", ", eligiblePartners))
                    + (notParties.Count > 0 ? " " + DomainText.Get("Eligibility.NotPartiesThen", string.Join(", ", notParties)) : "")
                : partners.Count == 0
                    ? DomainText.Get("Eligibility.NoPartner")
                    : DomainText.Get("Eligibility.NoEligiblePartner", screeningDate, string.Join(", ", partners.Select(p => p.State.Name))));

        if (application.SubmittedAtUtc is not { } submitted)
            Add("before-deadline", false, DomainText.Get("Eligibility.NotSubmitted"));
        else
            Add("before-deadline", submitted >= round.OpensAtUtc && submitted < round.ClosesAtUtc,
                submitted < round.ClosesAtUtc && submitted >= round.OpensAtUtc
                    ? DomainText.Get("Eligibility.SubmittedInTime", submitted, round.ClosesAtUtc)
                    : DomainText.Get("Eligibility.SubmittedOutside", submitted, round.OpensAtUtc, round.ClosesAtUtc));

        // The budget lines' total against what the applicant submitted as its request, not the request against itself
        // (which could never fail). A line in another currency is named rather than added.
        var lines = application.BudgetLines.Select(l => (l.Description, l.Total)).ToList();
        var foreignLines = lines.Where(l => l.Total.Currency != requested.Currency).Select(l => l.Description).ToList();
        var budget = Money.Sum(lines.Where(l => l.Total.Currency == requested.Currency).Select(l => l.Total), requested.Currency);
        var withinCeiling = requested.Currency == round.Ceiling.Currency && requested <= round.Ceiling;
        Add("amount", withinCeiling && foreignLines.Count == 0 && requested == budget && requested.Amount > 0,
            !withinCeiling ? DomainText.Get("Eligibility.AboveCeiling", requested, round.Ceiling)
            : foreignLines.Count > 0 ? DomainText.Get("Eligibility.ForeignLines", requested.Currency, string.Join(", ", foreignLines))
            : requested.Amount <= 0 ? DomainText.Get("Eligibility.NothingRequested")
            : requested != budget ? DomainText.Get("Eligibility.DiffersFromBudget", requested, budget)
            : DomainText.Get("Eligibility.AmountFine", requested, round.Ceiling));

        var dates = application.Activities.Where(a => a.Start is not null).Select(a => (Start: a.Start!.Value, End: a.End ?? a.Start!.Value))
            .Append((Start: application.ActivityStart ?? DateOnly.MinValue, End: application.ActivityEnd ?? DateOnly.MinValue))
            .Where(d => d.Start != DateOnly.MinValue).ToList();
        if (application.ActivityStart is null || application.ActivityEnd is null)
        {
            Add("dates-in-window", false, DomainText.Get("Eligibility.DatesMissing"));
            Add("duration", false, DomainText.Get("Eligibility.DatesMissing"));
        }
        else
        {
            var first = dates.Min(d => d.Start);
            var last = dates.Max(d => d.End);
            Add("dates-in-window", first >= round.ImplementationStart && last <= round.ImplementationEnd,
                DomainText.Get("Eligibility.Window", first, last, round.ImplementationStart, round.ImplementationEnd));
            // Both ends count: 1 to 8 July is 8 days.
            var days = last.DayNumber - first.DayNumber + 1;
            Add("duration", days <= round.MaxDurationDays,
                DomainText.Get("Eligibility.Duration", days, round.MaxDurationDays));
        }

        Add("endorsement-letter", application.EndorsementLetter is not null,
            application.EndorsementLetter is { } letter ? DomainText.Get("Eligibility.LetterAttached", letter.FileName) : DomainText.Get("Eligibility.NoLetter"));
        return results;
    }

    /// <summary>A year as itself, never grouped ("2026", not "2 026").</summary>
    private static string Year(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
