namespace Caf.Data.Entities;

public enum LedgerEntryKind
{
    Contribution,
    Commitment,
    Disbursement,
    Refund,
    BankCharge,
    CommitmentRelease,
}

/// <summary>
/// One line of the fund ledger. Amounts are always positive; <see cref="Kind"/> says which way they move
/// the fund's cash and its commitments.
/// </summary>
public sealed class LedgerEntry : IAudited
{
    private LedgerEntry() { }

    public LedgerEntry(LedgerEntryKind kind, Money amount, DateOnly valueDate, string description, string? bankReference,
        Guid? applicationId, string recordedByUserId, DateTime nowUtc)
    {
        if (AmountProblem(amount) is { } problem) throw new DomainException(problem, nameof(Amount));
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException("Describe the ledger entry.", nameof(Description));
        Id = Guid.NewGuid();
        Kind = kind;
        Amount = amount;
        ValueDate = valueDate;
        Description = description.Trim();
        BankReference = string.IsNullOrWhiteSpace(bankReference) ? null : bankReference.Trim();
        ApplicationId = applicationId;
        RecordedByUserId = recordedByUserId;
        RecordedAtUtc = nowUtc;
    }

    /// <summary>What is wrong with an amount for the ledger, if anything: positive, to the cent, at most <see cref="Bounds.MaxAmount"/>.</summary>
    public static string? AmountProblem(Money amount) =>
        amount.Amount <= 0 ? "A ledger amount must be more than zero."
        : !amount.IsInMinorUnits ? "Amounts are recorded to the cent (two decimals)."
        : amount.Amount > Bounds.MaxAmount ? $"A ledger amount must be at most {Bounds.MaxAmount:#,##0}."
        : null;

    public Guid Id { get; private set; }
    public LedgerEntryKind Kind { get; private set; }
    public Money Amount { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public string Description { get; private set; } = "";
    public string? BankReference { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public GrantApplication? Application { get; private set; }
    public string RecordedByUserId { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>Money in (+) or out (−) of the fund's bank account.</summary>
    public decimal CashEffect => CashEffectOf(Kind, Amount.Amount);

    /// <summary>Increase (+) or decrease (−) of what the fund has promised but not yet paid.</summary>
    public decimal CommitmentEffect => CommitmentEffectOf(Kind, Amount.Amount);

    /// <summary>What <paramref name="amount"/> of this kind does to the fund's cash: the rule for one entry and for a sum of them.</summary>
    public static decimal CashEffectOf(LedgerEntryKind kind, decimal amount) => kind switch
    {
        LedgerEntryKind.Contribution or LedgerEntryKind.Refund => amount,
        LedgerEntryKind.Disbursement or LedgerEntryKind.BankCharge => -amount,
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
