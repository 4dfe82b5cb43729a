using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>What finance types for a charge the bank took from the fund's account (a transfer fee, account fees).</summary>
public sealed record BankChargeEntry(decimal? Amount, string? Currency, DateOnly? ValueDate, string? Description, string? BankReference)
{
    public const int DescriptionMaxLength = 400;

    /// <summary>Every problem, by field, before anything is written; <paramref name="today"/> is the fund's date.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (Amount is null) yield return (nameof(Amount), "Give the amount the bank charged.");
        else if (Bounds.Amount("The amount", Amount.Value) is { } wrong) yield return (nameof(Amount), wrong);
        if (!FundingRound.SupportedCurrencies.Contains(Currency?.Trim().ToUpperInvariant() ?? "")) yield return (nameof(Currency), "Choose CHF, USD or EUR.");
        if (ValueDate is null) yield return (nameof(ValueDate), "Give the value date on the bank statement.");
        else if (Bounds.Date("The value date", ValueDate.Value) is { } outside) yield return (nameof(ValueDate), outside);
        else if (ValueDate > today) yield return (nameof(ValueDate), "The value date is in the future: record the charge once the bank has taken it.");
        if (string.IsNullOrWhiteSpace(Description)) yield return (nameof(Description), "Say what the bank charged for, such as “Transfer fee, tranche 1 to Cambodia”.");
        else if (Description.Trim().Length > DescriptionMaxLength)
            yield return (nameof(Description), $"Keep the description under {DescriptionMaxLength} characters.");
        if (BankPayment.ReferenceProblem(BankReference) is { } reference) yield return (nameof(BankReference), reference);
    }

    /// <summary>The amount in its currency; only once <see cref="Problems"/> is empty.</summary>
    public Money Money() => new(Amount ?? throw new InvalidOperationException("Check the problems first."), Currency!.Trim().ToUpperInvariant());
}
