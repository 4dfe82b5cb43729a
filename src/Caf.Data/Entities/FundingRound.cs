using System.Linq.Expressions;
using Caf.Data.Reporting;

namespace Caf.Data.Entities;

public enum RoundStatus { Draft, Open, Closed }

/// <summary>Everything the ISU decides about a round, checked as a whole before it is written to the round.</summary>
public sealed record RoundTerms(
    string Title,
    string? Description,
    DateTime OpensAtUtc,
    DateTime ClosesAtUtc,
    Money Envelope,
    Money Ceiling,
    int MaxDurationDays,
    DateOnly ImplementationStart,
    DateOnly ImplementationEnd,
    IReadOnlyCollection<string> AllowedCurrencies,
    int GenderChecklistVersion = 1,
    int RubricVersion = 1,
    int FinalReportDays = ReportingTemplate.DefaultFinalReportDays,
    int? InterimReportMonths = ReportingTemplate.DefaultInterimReportMonths)
{
    /// <summary>Every broken rule, each with the field it is about, so a form can show them all at once.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Title)) yield return (nameof(Title), DomainText.Get("Round.NeedTitle"));
        else if (Title.Trim().Length > FundingRound.TitleMaxLength)
            yield return (nameof(Title), DomainText.Get("Round.TitleTooLong", FundingRound.TitleMaxLength));
        if (Description?.Trim().Length > FundingRound.DescriptionMaxLength)
            yield return (nameof(Description), DomainText.Get("Round.DescriptionTooLong", FundingRound.DescriptionMaxLength));
        if (ClosesAtUtc <= OpensAtUtc) yield return (nameof(ClosesAtUtc), DomainText.Get("Round.ClosesBeforeOpens"));
        foreach (var (field, label, date) in new[] { (nameof(OpensAtUtc), "Round.OpeningDate", DateOnly.FromDateTime(OpensAtUtc)),
                     (nameof(ClosesAtUtc), "Round.ClosingDate", DateOnly.FromDateTime(ClosesAtUtc)),
                     (nameof(ImplementationStart), "Round.WindowStart", ImplementationStart),
                     (nameof(ImplementationEnd), "Round.WindowEnd", ImplementationEnd) })
            if (Bounds.Date(DomainText.Get(label), date) is { } outside) yield return (field, outside);

        var currencyKnown = FundingRound.SupportedCurrencies.Contains(Ceiling.Currency);
        if (!currencyKnown)
            yield return (nameof(FundingRound.Currency), NotAFundCurrency(Ceiling.Currency));
        foreach (var problem in AmountProblems(Envelope, nameof(Envelope), DomainText.Get("Round.TheEnvelope"))) yield return problem;
        foreach (var problem in AmountProblems(Ceiling, nameof(Ceiling), DomainText.Get("Round.TheCeiling"))) yield return problem;
        if (Envelope.Currency != Ceiling.Currency)
            yield return (nameof(Envelope), DomainText.Get("Round.AmountsCurrency"));
        else if (Ceiling.Amount > 0 && Envelope.Amount > 0 && Ceiling > Envelope)
            yield return (nameof(Ceiling), DomainText.Get("Round.CeilingAboveEnvelope", Ceiling, Envelope));

        if (MaxDurationDays <= 0) yield return (nameof(MaxDurationDays), DomainText.Get("Round.DurationAtLeastOne"));
        else if (MaxDurationDays > MaxDurationLimit)
            yield return (nameof(MaxDurationDays), DomainText.Get("Round.DurationTooLong", MaxDurationLimit));
        if (ImplementationEnd <= ImplementationStart)
            yield return (nameof(ImplementationEnd), DomainText.Get("Round.WindowEndsBeforeStart"));

        var unsupported = AllowedCurrencies.Where(c => !FundingRound.SupportedCurrencies.Contains(c)).ToList();
        if (AllowedCurrencies.Count == 0)
            yield return (nameof(AllowedCurrencies), DomainText.Get("Round.NeedAllowedCurrency"));
        else if (unsupported.Count > 0)
            yield return (nameof(AllowedCurrencies), DomainText.Get("Round.UnsupportedCurrencies", string.Join(", ", unsupported)));
        else if (currencyKnown && !AllowedCurrencies.Contains(Ceiling.Currency))
            yield return (nameof(AllowedCurrencies), DomainText.Get("Round.MustAllowOwnCurrency", Ceiling.Currency));

        if (GenderChecklistVersion < 1) yield return (nameof(GenderChecklistVersion), DomainText.Get("Round.ChecklistVersion"));
        if (RubricVersion < 1) yield return (nameof(RubricVersion), DomainText.Get("Round.RubricVersion"));
        foreach (var problem in Reporting.Problems()) yield return problem;
    }

    /// <summary>The round's reporting template: what each grant approved in it must report, and when.</summary>
    public ReportingTemplate Reporting => new(FinalReportDays, InterimReportMonths);

    public const int MaxDurationLimit = 3_660;

    /// <summary>Why a currency, as typed, cannot be the round's: only what is short enough to read is repeated back.</summary>
    public static string NotAFundCurrency(string? typed) =>
        typed?.Trim() is { Length: > 0 and <= 10 } code
            ? DomainText.Get("Round.NotAFundCurrency", code)
            : DomainText.Get("Round.ChooseCurrency");

    private static IEnumerable<(string, string)> AmountProblems(Money amount, string field, string name)
    {
        if (Bounds.Amount(name, amount.Amount) is { } problem) yield return (field, problem);
    }
}

/// <summary>
/// A call for proposals: when it is open, how much the fund puts into it and one application may ask, in what currencies
/// and in what window work happens. Drafted by the ISU, then opened (published) and closed. See ADR 0009.
/// </summary>
public sealed class FundingRound : IAudited
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    /// <summary>The currencies the fund grants in.</summary>
    public static readonly IReadOnlyList<string> SupportedCurrencies = ["CHF", "USD", "EUR"];

    private FundingRound() { }

    /// <summary>A new round, in draft: nobody outside the ISU sees it until it is opened.</summary>
    public FundingRound(RoundTerms terms)
    {
        Id = Guid.NewGuid();
        Status = RoundStatus.Draft;
        Apply(terms);
    }

    /// <summary>A round created and opened at once, as the demo data and tests need.</summary>
    public static FundingRound CreateOpen(RoundTerms terms, DateTime nowUtc)
    {
        var round = new FundingRound(terms);
        round.Open(nowUtc);
        return round;
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateTime OpensAtUtc { get; private set; }
    public DateTime ClosesAtUtc { get; private set; }
    /// <summary>What the fund puts into the round in total, in the round's currency.</summary>
    public Money Envelope { get; private set; }
    public Money Ceiling { get; private set; }
    public string Currency => Ceiling.Currency;
    /// <summary>The longest an application's activities may last, in days.</summary>
    public int MaxDurationDays { get; private set; }
    public DateOnly ImplementationStart { get; private set; }
    public DateOnly ImplementationEnd { get; private set; }
    public int GenderChecklistVersion { get; private set; } = 1;
    public int RubricVersion { get; private set; } = 1;
    /// <summary>The final narrative and financial reports are due this many days after a grant's activities end.</summary>
    public int FinalReportDays { get; private set; } = ReportingTemplate.DefaultFinalReportDays;
    /// <summary>Grants whose activities run longer than this many months send an interim report for each such period; none when null.</summary>
    public int? InterimReportMonths { get; private set; } = ReportingTemplate.DefaultInterimReportMonths;
    public ReportingTemplate Reporting => new(FinalReportDays, InterimReportMonths);
    public RoundStatus Status { get; private set; }
    /// <summary>When the ISU closed the round, which may be before its closing time.</summary>
    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Stored as "CHF,USD": a short, fixed list that is always read whole.</summary>
    internal string AllowedCurrencyCodes { get; private set; } = "";

    /// <summary>The currencies an application may budget in; always includes the round's own.</summary>
    public IReadOnlyList<string> AllowedCurrencies =>
        AllowedCurrencyCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsOpenAt(DateTime utc) => Status == RoundStatus.Open && utc >= OpensAtUtc && utc < ClosesAtUtc;

    /// <summary>The rule of <see cref="IsOpenAt"/> as a query asks it of the database, so that no round is read to answer it.</summary>
    public static Expression<Func<FundingRound, bool>> OpenAt(DateTime utc) =>
        r => r.Status == RoundStatus.Open && r.OpensAtUtc <= utc && r.ClosesAtUtc > utc;

    /// <summary>
    /// Once open, applicants rely on the terms: only these may change (the closing time only later). The reporting template
    /// may change too: each grant takes it as it stands when the committee approves it, so a change reaches only grants
    /// approved later (ADR 0031).
    /// </summary>
    private static readonly string[] ChangeableOnceOpen = [nameof(Description), nameof(ClosesAtUtc), nameof(FinalReportDays), nameof(InterimReportMonths)];

    /// <summary>
    /// Whether the term named <paramref name="field"/> (as this class names it: Title, OpensAtUtc, Envelope…) may change now:
    /// anything in a draft; once open, only the description, the closing time (ADR 0009) and the reporting template (ADR 0031);
    /// nothing once closed.
    /// </summary>
    public bool MayChange(string field) => Status switch
    {
        RoundStatus.Draft => true,
        RoundStatus.Open => ChangeableOnceOpen.Contains(field, StringComparer.Ordinal),
        _ => false,
    };

    public RoundTerms Terms => new(Title, Description, OpensAtUtc, ClosesAtUtc, Envelope, Ceiling, MaxDurationDays,
        ImplementationStart, ImplementationEnd, AllowedCurrencies, GenderChecklistVersion, RubricVersion, FinalReportDays, InterimReportMonths);

    /// <summary>
    /// A draft may change in every respect. Once open, applicants rely on the terms: only the description and the reporting
    /// template may change, and the closing time may move later (an extension), never earlier. A closed round does not change.
    /// </summary>
    public void Update(RoundTerms terms)
    {
        switch (Status)
        {
            case RoundStatus.Draft:
                Apply(terms);
                break;
            case RoundStatus.Open:
                if (Changes(terms).FirstOrDefault(c => !MayChange(c.Field)) is { Field: not null } changed)
                    throw new DomainException(
                        DomainText.Get("Round.OpenTermsFixed", DomainText.Get(changed.Name)),
                        changed.Field);
                if (terms.ClosesAtUtc < ClosesAtUtc)
                    throw new DomainException(DomainText.Get("Round.CloseOnlyLater"), nameof(ClosesAtUtc));
                Apply(terms);
                break;
            default:
                throw new DomainException(DomainText.Get("Round.ClosedNoChange"));
        }
    }

    /// <summary>Publishes the round. It takes applications from its opening time until its closing time.</summary>
    public void Open(DateTime nowUtc)
    {
        if (Status == RoundStatus.Open) throw new DomainException(DomainText.Get("Round.AlreadyOpen"));
        if (Status == RoundStatus.Closed) throw new DomainException(DomainText.Get("Round.ClosedNoReopen"));
        if (ClosesAtUtc <= nowUtc)
            throw new DomainException(DomainText.Get("Round.ClosingPassed"), nameof(ClosesAtUtc));
        if (string.IsNullOrWhiteSpace(Description))
            throw new DomainException(DomainText.Get("Round.NeedDescription"), nameof(Description));
        Status = RoundStatus.Open;
    }

    /// <summary>Stops taking applications now, whatever the closing time said; the announced times stay as they were.</summary>
    public void Close(DateTime nowUtc)
    {
        if (Status == RoundStatus.Draft) throw new DomainException(DomainText.Get("Round.DraftNoClose"));
        if (Status == RoundStatus.Closed) throw new DomainException(DomainText.Get("Round.AlreadyClosed"));
        Status = RoundStatus.Closed;
        ClosedAtUtc = nowUtc;
    }

    /// <summary>Each term that <paramref name="t"/> would change, in the order a refusal names them, with the key of how a person calls it.</summary>
    private IEnumerable<(string Field, string Name)> Changes(RoundTerms t)
    {
        if (t.Title.Trim() != Title) yield return (nameof(Title), "Round.Term.Title");
        if ((t.Description?.Trim() ?? "") != Description) yield return (nameof(Description), "Round.Term.Description");
        if (t.OpensAtUtc != OpensAtUtc) yield return (nameof(OpensAtUtc), "Round.Term.OpeningTime");
        if (t.ClosesAtUtc != ClosesAtUtc) yield return (nameof(ClosesAtUtc), "Round.Term.ClosingTime");
        if (t.Envelope != Envelope) yield return (nameof(Envelope), "Round.Term.Envelope");
        if (t.Ceiling != Ceiling) yield return (nameof(Ceiling), "Round.Term.Ceiling");
        if (t.MaxDurationDays != MaxDurationDays) yield return (nameof(MaxDurationDays), "Round.Term.MaxDuration");
        if (t.ImplementationStart != ImplementationStart) yield return (nameof(ImplementationStart), "Round.Term.Window");
        if (t.ImplementationEnd != ImplementationEnd) yield return (nameof(ImplementationEnd), "Round.Term.Window");
        if (Canonical(t.AllowedCurrencies) != AllowedCurrencyCodes) yield return (nameof(AllowedCurrencies), "Round.Term.Currencies");
        if (t.GenderChecklistVersion != GenderChecklistVersion) yield return (nameof(GenderChecklistVersion), "Round.Term.ChecklistVersion");
        if (t.RubricVersion != RubricVersion) yield return (nameof(RubricVersion), "Round.Term.RubricVersion");
        if (t.FinalReportDays != FinalReportDays) yield return (nameof(FinalReportDays), "Round.Term.FinalReportDays");
        if (t.InterimReportMonths != InterimReportMonths) yield return (nameof(InterimReportMonths), "Round.Term.InterimPeriod");
    }

    private void Apply(RoundTerms terms)
    {
        var problem = terms.Problems().FirstOrDefault();
        if (problem.Message is not null) throw new DomainException(problem.Message, problem.Field);
        Title = terms.Title.Trim();
        Description = terms.Description?.Trim() ?? "";
        OpensAtUtc = terms.OpensAtUtc;
        ClosesAtUtc = terms.ClosesAtUtc;
        Envelope = terms.Envelope;
        Ceiling = terms.Ceiling;
        MaxDurationDays = terms.MaxDurationDays;
        ImplementationStart = terms.ImplementationStart;
        ImplementationEnd = terms.ImplementationEnd;
        AllowedCurrencyCodes = Canonical(terms.AllowedCurrencies);
        GenderChecklistVersion = terms.GenderChecklistVersion;
        RubricVersion = terms.RubricVersion;
        FinalReportDays = terms.FinalReportDays;
        InterimReportMonths = terms.InterimReportMonths;
    }

    private static string Canonical(IEnumerable<string> currencies) =>
        string.Join(',', SupportedCurrencies.Where(currencies.Contains));
}
