using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>What finance types when a donor's contribution reaches the fund's account.</summary>
public sealed record ContributionReceipt(string? Donor, string? Earmarking, decimal? Amount, string? Currency, DateOnly? ValueDate,
    string? BankReference)
{
    /// <summary>Every problem, by field, before anything is written; <paramref name="today"/> is the fund's date.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(Donor)) yield return (nameof(Donor), "Name the donor.");
        else if (Donor.Trim().Length > LedgerEntry.DonorMaxLength)
            yield return (nameof(Donor), $"Keep the donor's name under {LedgerEntry.DonorMaxLength} characters.");
        if (Earmarking?.Trim().Length > LedgerEntry.EarmarkingMaxLength)
            yield return (nameof(Earmarking), $"Keep the earmarking under {LedgerEntry.EarmarkingMaxLength} characters.");
        var currency = Currency?.Trim().ToUpperInvariant() ?? "";
        if (!FundingRound.SupportedCurrencies.Contains(currency)) yield return (nameof(Currency), "Choose CHF, USD or EUR.");
        if (Amount is null) yield return (nameof(Amount), "Give the amount received.");
        else if (Bounds.Amount("The amount", Amount.Value) is { } wrong) yield return (nameof(Amount), wrong);
        if (ValueDate is null) yield return (nameof(ValueDate), "Give the value date on the bank statement.");
        else if (Bounds.Date("The value date", ValueDate.Value) is { } outside) yield return (nameof(ValueDate), outside);
        else if (ValueDate > today) yield return (nameof(ValueDate), "The value date is in the future: record the contribution once it has arrived.");
        if (BankPayment.ReferenceProblem(BankReference) is { } reference) yield return (nameof(BankReference), reference);
    }

    /// <summary>The amount in its currency; only once <see cref="Problems"/> is empty.</summary>
    public Money Money() => new(Amount ?? throw new InvalidOperationException("Check the problems first."), Currency!.Trim().ToUpperInvariant());
}
