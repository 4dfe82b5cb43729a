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
        : normalized.Length > MaxBankReferenceLength ? $"Keep the bank reference under {MaxBankReferenceLength} characters."
        : BankText.FirstNotPlain(normalized) is { } odd
            ? $"Write the bank reference as the bank shows it, in plain letters A–Z, digits and punctuation: “{odd}” (U+{odd.Value:X4}) is not one of them."
        : null;

    /// <summary>Every rule the payment breaks on its own, each with its field; empty when it may be booked.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Amount is null) yield return (nameof(Amount), "Give the amount.");
        if (ValueDate is null) yield return (nameof(ValueDate), "Give the payment's value date.");
        else if (Bounds.Date("The value date", ValueDate.Value) is { } outOfRange) yield return (nameof(ValueDate), outOfRange);
        if (BankText.Normalize(BankReference) is not { } reference) yield return (nameof(BankReference), "Give the bank's reference for the payment.");
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
