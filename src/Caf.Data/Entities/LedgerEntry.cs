using Caf.Data.Finance;
using Caf.Data.Finance.Statements;

namespace Caf.Data.Entities;

public enum LedgerEntryKind
{
    Contribution,
    Commitment,
    Disbursement,
    Refund,
    BankCharge,
    /// <summary>A decommitment: reduced, terminated or unspent.</summary>
    CommitmentRelease,
    /// <summary>A payment cost more in fund currency than its commitment's rate said (ADR 0022).</summary>
    ExchangeLoss,
    /// <summary>A payment cost less in fund currency than its commitment's rate said.</summary>
    ExchangeGain,
}

/// <summary>
/// One line of the fund ledger, never changed once written. Amounts are always positive; <see cref="Kind"/> says which
/// way they move the fund's cash and its commitments, and a reversal (<see cref="ReversesEntryId"/>) moves them back.
/// Each entry keeps its amount in its own currency and its value in the fund currency with the rate, rate date and
/// source that made it (ADR 0022).
/// </summary>
public sealed class LedgerEntry : IAudited
{
    private LedgerEntry() { }

    internal LedgerEntry(LedgerEntryKind kind, Conversion conversion, DateOnly valueDate, string description, string? bankReference,
        Guid? applicationId, string recordedByUserId, DateTime nowUtc, Guid? reverses = null)
    {
        if (AmountProblem(conversion.Amount) is { } problem) throw new DomainException(problem, nameof(Amount));
        if (conversion.FundAmount.Amount <= 0)
            throw new DomainException(DomainText.Get("Ledger.WorthNothing", conversion.Amount, conversion.FundAmount.Currency, conversion.Rate), nameof(Amount));
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException(DomainText.Get("Ledger.Describe"), nameof(Description));
        Id = Guid.NewGuid();
        Kind = kind;
        Amount = conversion.Amount;
        FundAmount = conversion.FundAmount;
        Rate = conversion.Rate;
        RateDate = conversion.RateDate;
        RateSource = conversion.Source;
        ReversesEntryId = reverses;
        ValueDate = valueDate;
        Description = description.Trim();
        BankReference = BankText.Normalize(bankReference);
        ApplicationId = applicationId;
        RecordedByUserId = recordedByUserId;
        RecordedAtUtc = nowUtc;
    }

    /// <summary>What is wrong with an amount for the ledger, if anything: positive, to the cent, at most <see cref="Bounds.MaxAmount"/>.</summary>
    public static string? AmountProblem(Money amount) =>
        amount.Amount <= 0 ? DomainText.Get("Ledger.AmountPositive")
        : !amount.IsInMinorUnits ? DomainText.Get("Ledger.AmountCents")
        : amount.Amount > Bounds.MaxAmount ? DomainText.Get("Ledger.AmountAtMost", Bounds.MaxAmount)
        : null;

    public const int DonorMaxLength = 200;
    public const int EarmarkingMaxLength = 400;
    public const int ReversalReasonMaxLength = 300;

    /// <summary>A donor's contribution to the fund: who gave, and what for if they said (earmarking).</summary>
    public static LedgerEntry Contribution(string donor, string? earmarking, Conversion conversion, DateOnly valueDate, string? bankReference,
        string recordedByUserId, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(donor)) throw new DomainException(DomainText.Get("Ledger.NameDonor"), nameof(Donor));
        if (donor.Trim().Length > DonorMaxLength) throw new DomainException(DomainText.Get("Ledger.DonorTooLong", DonorMaxLength), nameof(Donor));
        if (earmarking?.Trim().Length > EarmarkingMaxLength)
            throw new DomainException(DomainText.Get("Ledger.EarmarkingTooLong", EarmarkingMaxLength), nameof(Earmarking));
        return new LedgerEntry(LedgerEntryKind.Contribution, conversion, valueDate, $"Contribution: {donor.Trim()}", bankReference, null,
            recordedByUserId, nowUtc)
        {
            Donor = donor.Trim(),
            Earmarking = string.IsNullOrWhiteSpace(earmarking) ? null : earmarking.Trim(),
        };
    }

    /// <summary>A bank's charge on the fund's account, in fund currency or converted.</summary>
    public static LedgerEntry BankChargeOnFund(Conversion conversion, DateOnly valueDate, string description, string? bankReference,
        string recordedByUserId, DateTime nowUtc) =>
        new(LedgerEntryKind.BankCharge, conversion, valueDate, description, bankReference, null, recordedByUserId, nowUtc);

    /// <summary>
    /// Corrects this entry by one that moves cash and commitments back by exactly as much, in its currency and the fund's,
    /// naming it. An entry is reversed once; a reversal is not reversed (record the right entry instead); an entry matched to
    /// a line of the bank's statement (<paramref name="match"/>) is not reversed while the match stands, which would then
    /// settle an entry that no longer counts.
    /// </summary>
    public LedgerEntry Reverse(string reason, bool alreadyReversed, StatementMatch? match, string recordedByUserId, DateTime nowUtc, DateOnly today)
    {
        if (ReversesEntryId is not null) throw new DomainException(DomainText.Get("Ledger.ReversalNotReversed"));
        if (alreadyReversed) throw new DomainException(DomainText.Get("Ledger.AlreadyReversed"));
        if (match is { ConfirmedAtUtc: { } confirmed })
            throw new DomainException(DomainText.Get("Ledger.MatchedConfirmed", FundTime.DateOf(confirmed)));
        if (match is not null)
            throw new DomainException(DomainText.Get("Ledger.MatchProposed"));
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(DomainText.Get("Ledger.SayWhyReversed"), nameof(Description));
        if (reason.Trim().Length > ReversalReasonMaxLength)
            throw new DomainException(DomainText.Get("Ledger.ReasonTooLong", ReversalReasonMaxLength), nameof(Description));
        return new LedgerEntry(Kind, new Conversion(Amount, FundAmount, Rate, RateDate, RateSource), today,
            $"Reversal: {reason.Trim()}", BankReference, ApplicationId, recordedByUserId, nowUtc, reverses: Id)
        {
            Donor = Donor,
            Earmarking = Earmarking,
        };
    }

    public Guid Id { get; private set; }
    public LedgerEntryKind Kind { get; private set; }
    public Money Amount { get; private set; }
    /// <summary>The amount in the fund currency, at <see cref="Rate"/>.</summary>
    public Money FundAmount { get; private set; }
    /// <summary>One unit of the entry's currency in fund currency (1 for the fund currency).</summary>
    public decimal Rate { get; private set; }
    public DateOnly RateDate { get; private set; }
    public string RateSource { get; private set; } = "";
    /// <summary>The entry this one reverses: its effects, with the opposite sign.</summary>
    public Guid? ReversesEntryId { get; private set; }
    public string? Donor { get; private set; }
    public string? Earmarking { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public string Description { get; private set; } = "";
    public string? BankReference { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public GrantApplication? Application { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>−1 for a reversal, +1 otherwise.</summary>
    public int Sign => ReversesEntryId is null ? 1 : -1;

    /// <summary>Money in (+) or out (−) of the fund's bank account, in the entry's currency.</summary>
    public decimal CashEffect => Sign * CashEffectOf(Kind, Amount.Amount);

    /// <summary>Increase (+) or decrease (−) of what the fund has promised but not yet paid, in the entry's currency.</summary>
    public decimal CommitmentEffect => Sign * CommitmentEffectOf(Kind, Amount.Amount);

    /// <summary><see cref="CashEffect"/> in fund currency.</summary>
    public decimal FundCashEffect => Sign * CashEffectOf(Kind, FundAmount.Amount);

    /// <summary><see cref="CommitmentEffect"/> in fund currency.</summary>
    public decimal FundCommitmentEffect => Sign * CommitmentEffectOf(Kind, FundAmount.Amount);

    /// <summary>What <paramref name="amount"/> of this kind does to the fund's cash: the rule for one entry and for a sum of them.</summary>
    public static decimal CashEffectOf(LedgerEntryKind kind, decimal amount) => kind switch
    {
        LedgerEntryKind.Contribution or LedgerEntryKind.Refund or LedgerEntryKind.ExchangeGain => amount,
        LedgerEntryKind.Disbursement or LedgerEntryKind.BankCharge or LedgerEntryKind.ExchangeLoss => -amount,
        _ => 0m,
    };

    /// <summary>What <paramref name="amount"/> of this kind does to the open commitments: for one entry and for a sum of them.</summary>
    public static decimal CommitmentEffectOf(LedgerEntryKind kind, decimal amount) => kind switch
    {
        LedgerEntryKind.Commitment => amount,
        LedgerEntryKind.Disbursement or LedgerEntryKind.CommitmentRelease => -amount,
        LedgerEntryKind.Refund => 0m,
        _ => 0m,
    };
}
