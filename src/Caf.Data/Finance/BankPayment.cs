using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>
/// What finance types for every movement of a grant's money through the bank: the amount, its value date and the bank's
/// reference. <see cref="Problems"/> lists what is missing or malformed; each action adds its own caps.
/// </summary>
public sealed record BankPayment(decimal? Amount, DateOnly? ValueDate, string? BankReference)
{
    public const int MaxBankReferenceLength = 100;

    /// <summary>
    /// What is wrong with a bank reference as typed, if anything, once normalized (<see cref="BankText.Normalize"/>): its
    /// length, or a character that is not plain ASCII (a look-alike letter would make one transfer two).
    /// </summary>
    public static string? ReferenceProblem(string? reference) =>
        BankText.Normalize(reference) is not { } normalized ? null
        : normalized.Length > MaxBankReferenceLength ? DomainText.Get("Payment.ReferenceTooLong", MaxBankReferenceLength)
        : BankText.FirstNotPlain(normalized) is { } odd
            ? DomainText.Get("Payment.ReferenceNotPlain", odd, ((int)odd.Value).ToString("X4", System.Globalization.CultureInfo.InvariantCulture))
        : null;

    /// <summary>Every rule the payment breaks on its own, each with its field; empty when it may be booked.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Amount is null) yield return (nameof(Amount), DomainText.Get("Payment.GiveAmount"));
        if (ValueDate is null) yield return (nameof(ValueDate), DomainText.Get("Payment.GiveValueDate"));
        else if (Bounds.Date(DomainText.Get("Finance.TheValueDate"), ValueDate.Value) is { } outOfRange) yield return (nameof(ValueDate), outOfRange);
        if (BankText.Normalize(BankReference) is not { } reference) yield return (nameof(BankReference), DomainText.Get("Payment.GiveReference"));
        else if (ReferenceProblem(reference) is { } tooLong) yield return (nameof(BankReference), tooLong);
    }

    /// <summary>
    /// The payment's own problems, then, for an amount that was given, the action's cap (<paramref name="capProblem"/>:
    /// more than zero, at most what the grant allows) or, within it, the ledger's own limits in <paramref name="currency"/> (cents, maximum).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(string currency, Func<decimal, string?> capProblem)
    {
        foreach (var problem in Problems()) yield return problem;
        if (Amount is { } amount && (capProblem(amount) ?? LedgerEntry.AmountProblem(new Money(amount, currency))) is { } wrong)
            yield return (nameof(Amount), wrong);
    }

    /// <summary>The amount in <paramref name="currency"/>; only once <see cref="Problems()"/> is empty.</summary>
    public Money In(string currency) => new(Amount ?? throw new InvalidOperationException("Check the payment's problems first."), currency);
}
