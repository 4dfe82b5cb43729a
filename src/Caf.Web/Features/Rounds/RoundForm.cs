using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Reporting;

namespace Caf.Web.Features.Rounds;

/// <summary>What the ISU types on the round form. Times are Geneva wall-clock times; the round keeps them in UTC.</summary>
public sealed class RoundForm
{
    // Required here as well as in RoundTerms: a non-nullable property is otherwise refused as "The Title field is required."
    [Required(ErrorMessage = "RoundField.NeedTitle")]
    [Display(Name = "Field.Title")]
    public string Title { get; set; } = "";

    [Display(Name = "RoundField.Description")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "RoundField.NeedOpens")]
    [Display(Name = "RoundField.Opens")]
    public DateTime? OpensAt { get; set; }

    [Required(ErrorMessage = "RoundField.NeedCloses")]
    [Display(Name = "RoundField.Closes")]
    public DateTime? ClosesAt { get; set; }

    [Required(ErrorMessage = "RoundField.NeedCurrency")]
    [Display(Name = "RoundField.Currency")]
    public string Currency { get; set; } = "CHF";

    [Required(ErrorMessage = "RoundField.NeedEnvelope")]
    [Display(Name = "Rounds.Envelope")]
    public decimal? Envelope { get; set; }

    [Required(ErrorMessage = "RoundField.NeedCeiling")]
    [Display(Name = "Rounds.Ceiling")]
    public decimal? Ceiling { get; set; }

    [Required(ErrorMessage = "RoundField.NeedMaxDuration")]
    [Display(Name = "RoundField.MaxDuration")]
    public int? MaxDurationDays { get; set; }

    [Required(ErrorMessage = "RoundField.NeedWindowStart")]
    [Display(Name = "RoundField.WindowStart")]
    public DateOnly? ImplementationStart { get; set; }

    [Required(ErrorMessage = "RoundField.NeedWindowEnd")]
    [Display(Name = "RoundField.WindowEnd")]
    public DateOnly? ImplementationEnd { get; set; }

    [Display(Name = "RoundField.Currencies")]
    public List<string> AllowedCurrencies { get; set; } = [];

    [Required(ErrorMessage = "RoundField.NeedChecklistVersion")]
    [Display(Name = "RoundField.ChecklistVersion")]
    public int? GenderChecklistVersion { get; set; } = 1;

    [Required(ErrorMessage = "RoundField.NeedRubricVersion")]
    [Display(Name = "RoundField.RubricVersion")]
    public int? RubricVersion { get; set; } = 1;

    [Required(ErrorMessage = "RoundField.NeedFinalReportDays")]
    [Display(Name = "RoundField.FinalReportDays")]
    public int? FinalReportDays { get; set; } = ReportingTemplate.DefaultFinalReportDays;

    /// <summary>Empty for no interim reports.</summary>
    [Display(Name = "RoundField.InterimMonths")]
    public int? InterimReportMonths { get; set; } = ReportingTemplate.DefaultInterimReportMonths;

    public static RoundForm Blank() => new() { AllowedCurrencies = ["CHF"] };

    public static RoundForm From(FundingRound r) => new()
    {
        Title = r.Title,
        Description = r.Description,
        OpensAt = FundTime.FromUtc(r.OpensAtUtc),
        ClosesAt = FundTime.FromUtc(r.ClosesAtUtc),
        Currency = r.Currency,
        Envelope = Plain(r.Envelope.Amount),
        Ceiling = Plain(r.Ceiling.Amount),
        MaxDurationDays = r.MaxDurationDays,
        ImplementationStart = r.ImplementationStart,
        ImplementationEnd = r.ImplementationEnd,
        AllowedCurrencies = r.AllowedCurrencies.ToList(),
        GenderChecklistVersion = r.GenderChecklistVersion,
        RubricVersion = r.RubricVersion,
        FinalReportDays = r.FinalReportDays,
        InterimReportMonths = r.InterimReportMonths,
    };

    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>
    /// Turns what was typed into terms for the round, and reports every problem against its own field. A field that is
    /// missing or unreadable already has its message: a neutral stand-in lets the other fields still be checked.
    /// <paramref name="current"/> keeps stored times that the form shows only to the minute.
    /// </summary>
    public (RoundTerms? Terms, List<(string Field, string Message)> Problems) ToTerms(Func<string, bool> hasError, FundingRound? current)
    {
        var problems = new List<(string Field, string Message)>();
        var opens = Utc(OpensAt, nameof(OpensAt), current?.OpensAtUtc, problems);
        var closes = Utc(ClosesAt, nameof(ClosesAt), current?.ClosesAtUtc, problems);

        var currency = (Currency ?? "").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            // Not even a code: a money amount cannot be made with it, so the terms are checked with a stand-in.
            if (!hasError(Key(nameof(Currency)))) problems.Add((Key(nameof(Currency)), RoundTerms.NotAFundCurrency(Currency)));
            currency = "XXX"; // ISO 4217 for "no currency": its own problem is already listed
        }
        // An empty field binds as a null entry.
        var allowed = AllowedCurrencies.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();

        var stand = opens ?? closes?.AddDays(-1) ?? DateTime.UtcNow;
        var standStart = ImplementationStart ?? (ImplementationEnd is { } typedEnd ? Shift(typedEnd, -1) : DateOnly.FromDateTime(DateTime.UtcNow));
        var terms = new RoundTerms(
            Title ?? "",
            Description,
            opens ?? stand,
            closes ?? stand.AddDays(1),
            new Money(Envelope ?? Ceiling ?? 1m, currency),
            new Money(Ceiling ?? Math.Min(Envelope ?? 1m, 1m), currency),
            MaxDurationDays ?? 1,
            standStart,
            ImplementationEnd ?? Shift(standStart, 1),
            allowed,
            GenderChecklistVersion ?? 1,
            RubricVersion ?? 1,
            FinalReportDays ?? ReportingTemplate.DefaultFinalReportDays,
            InterimReportMonths);
        foreach (var (field, message) in terms.Problems())
        {
            var key = Key(field);
            if (!hasError(key) && problems.All(p => p.Field != key)) problems.Add((key, message));
        }
        var complete = problems.Count == 0 && opens is not null && closes is not null && Envelope is not null && Ceiling is not null
                       && MaxDurationDays is not null && ImplementationStart is not null && ImplementationEnd is not null && FinalReportDays is not null;
        return (complete ? terms : null, problems);
    }

    /// <summary>A neighbouring day for a stand-in, even at the ends of the calendar (which the bounds then refuse).</summary>
    private static DateOnly Shift(DateOnly day, int days) =>
        day.DayNumber + days is var n && n >= DateOnly.MinValue.DayNumber && n <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber(n) : day;

    private static DateTime? Utc(DateTime? geneva, string field, DateTime? stored, List<(string, string)> problems)
    {
        if (geneva is not { } typed) return null;
        // Checked before converting: the first and last days a DateTime holds have no Geneva time.
        if (Bounds.Date(DomainText.Get(field == nameof(OpensAt) ? "Round.OpeningDate" : "Round.ClosingDate"), typed) is { } outside)
        {
            problems.Add((Key(field), outside));
            return null;
        }
        // The form shows times to the minute: the same minute means the stored time is unchanged.
        if (stored is { } s && FundTime.InputValue(FundTime.FromUtc(s)) == FundTime.InputValue(typed)) return s;
        var utc = FundTime.ToUtc(new DateTime(typed.Year, typed.Month, typed.Day, typed.Hour, typed.Minute, 0));
        if (utc is null)
            problems.Add((Key(field), InterfaceLanguage.Format("RoundField.NoSuchTime", typed)));
        return utc;
    }

    /// <summary>The round's name for a form field (the other way from <see cref="Key"/>, without the prefix).</summary>
    public static string RoundField(string formField) => formField switch
    {
        nameof(OpensAt) => nameof(FundingRound.OpensAtUtc),
        nameof(ClosesAt) => nameof(FundingRound.ClosesAtUtc),
        _ => formField,
    };

    /// <summary>Maps a round's field (or a form field) to the form field that shows its message.</summary>
    public static string Key(string? field) => field switch
    {
        null => "",
        nameof(FundingRound.OpensAtUtc) => "Form.OpensAt",
        nameof(FundingRound.ClosesAtUtc) => "Form.ClosesAt",
        _ => "Form." + field,
    };
}
