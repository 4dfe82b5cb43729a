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
            Add("applicant-state-party", false, $"The States Parties reference data in force on {screeningDate:d MMMM yyyy} do not list {name}.");
        else if (applicant.PartySince is { } since && since <= screeningDate)
            Add("applicant-state-party", true, $"{name} has been a State Party since {since:d MMMM yyyy}.");
        else
            Add("applicant-state-party", false, $"{name} is not a State Party on {screeningDate:d MMMM yyyy}.");

        var dueOn = submittedOn ?? screeningDate;
        var year = Article7YearDue(dueOn);
        Add("article7-report", applicant?.HasArticle7ReportFor(year) == true,
            applicant?.HasArticle7ReportFor(year) == true
                ? $"{name}'s Article 7 report for {year} (due 30 April {year + 1}) is recorded."
                : $"No Article 7 report for {year} is recorded for {name} (due 30 April {year + 1}, before the application of {dueOn:d MMMM yyyy}).");

        var eligiblePartners = partners
            .Where(p => p.State.Id != applicantState.Id && p.Record?.PartySince is { } s && s <= screeningDate)
            .Select(p => p.State.Name).ToList();
        var notParties = partners.Where(p => p.State.Id != applicantState.Id && !eligiblePartners.Contains(p.State.Name))
            .Select(p => p.State.Name).ToList();
        Add("partner-state-party", eligiblePartners.Count > 0,
            eligiblePartners.Count > 0
                ? $"Partner State Party: {string.Join(", ", eligiblePartners)}."
                    + (notParties.Count > 0 ? $" Not a State Party on that date: {string.Join(", ", notParties)}." : "")
                : partners.Count == 0
                    ? "No partner State Party is named."
                    : $"No partner is a State Party other than the applicant on {screeningDate:d MMMM yyyy}: {string.Join(", ", partners.Select(p => p.State.Name))}.");

        if (application.SubmittedAtUtc is not { } submitted)
            Add("before-deadline", false, "The application has not been submitted.");
        else
            Add("before-deadline", submitted >= round.OpensAtUtc && submitted < round.ClosesAtUtc,
                submitted < round.ClosesAtUtc && submitted >= round.OpensAtUtc
                    ? $"Submitted {submitted:d MMMM yyyy HH:mm} UTC; the round closed {round.ClosesAtUtc:d MMMM yyyy HH:mm} UTC."
                    : $"Submitted {submitted:d MMMM yyyy HH:mm} UTC, outside the round's opening {round.OpensAtUtc:d MMMM yyyy HH:mm} – {round.ClosesAtUtc:d MMMM yyyy HH:mm} UTC.");

        // The budget lines' total against what the applicant submitted as its request, not the request against itself
        // (which could never fail). A line in another currency is named rather than added.
        var lines = application.BudgetLines.Select(l => (l.Description, l.Total)).ToList();
        var foreignLines = lines.Where(l => l.Total.Currency != requested.Currency).Select(l => l.Description).ToList();
        var budget = Money.Sum(lines.Where(l => l.Total.Currency == requested.Currency).Select(l => l.Total), requested.Currency);
        var withinCeiling = requested.Currency == round.Ceiling.Currency && requested <= round.Ceiling;
        Add("amount", withinCeiling && foreignLines.Count == 0 && requested == budget && requested.Amount > 0,
            !withinCeiling ? $"{requested} requested is above the ceiling of {round.Ceiling}."
            : foreignLines.Count > 0 ? $"Budget lines in another currency than the {requested.Currency} requested: {string.Join(", ", foreignLines)}."
            : requested.Amount <= 0 ? "Nothing is requested: the budget is empty."
            : requested != budget ? $"{requested} requested differs from the budget total {budget}."
            : $"{requested} requested, equal to the budget total and within the ceiling of {round.Ceiling}.");

        var dates = application.Activities.Where(a => a.Start is not null).Select(a => (Start: a.Start!.Value, End: a.End ?? a.Start!.Value))
            .Append((Start: application.ActivityStart ?? DateOnly.MinValue, End: application.ActivityEnd ?? DateOnly.MinValue))
            .Where(d => d.Start != DateOnly.MinValue).ToList();
        if (application.ActivityStart is null || application.ActivityEnd is null)
        {
            Add("dates-in-window", false, "The activity dates are missing.");
            Add("duration", false, "The activity dates are missing.");
        }
        else
        {
            var first = dates.Min(d => d.Start);
            var last = dates.Max(d => d.End);
            Add("dates-in-window", first >= round.ImplementationStart && last <= round.ImplementationEnd,
                $"Activities {first:d MMM yyyy} – {last:d MMM yyyy}; implementation window {round.ImplementationStart:d MMM yyyy} – {round.ImplementationEnd:d MMM yyyy}.");
            // Both ends count: 1 to 8 July is 8 days.
            var days = last.DayNumber - first.DayNumber + 1;
            Add("duration", days <= round.MaxDurationDays,
                $"Activities last {days} day(s); the round allows at most {round.MaxDurationDays}.");
        }

        Add("endorsement-letter", application.EndorsementLetter is not null,
            application.EndorsementLetter is { } letter ? $"Attached: {letter.FileName}." : "No endorsement letter is attached.");
        return results;
    }
}
