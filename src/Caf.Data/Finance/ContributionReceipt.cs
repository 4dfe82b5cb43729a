using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>What finance types when a donor's contribution reaches the fund's account.</summary>
public sealed record ContributionReceipt(string? Donor, string? Earmarking, decimal? Amount, string? Currency, DateOnly? ValueDate,
    string? BankReference)
{
    /// <summary>Every problem, by field, before anything is written; <paramref name="today"/> is the fund's date.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(Donor)) yield return (nameof(Donor), DomainText.Get("Ledger.NameDonor"));
        else if (Donor.Trim().Length > LedgerEntry.DonorMaxLength)
            yield return (nameof(Donor), DomainText.Get("Ledger.DonorTooLong", LedgerEntry.DonorMaxLength));
        if (Earmarking?.Trim().Length > LedgerEntry.EarmarkingMaxLength)
            yield return (nameof(Earmarking), DomainText.Get("Ledger.EarmarkingTooLong", LedgerEntry.EarmarkingMaxLength));
        var currency = Currency?.Trim().ToUpperInvariant() ?? "";
        if (!FundingRound.SupportedCurrencies.Contains(currency)) yield return (nameof(Currency), DomainText.Get("Finance.ChooseCurrency"));
        if (Amount is null) yield return (nameof(Amount), DomainText.Get("Finance.GiveAmountReceived"));
        else if (Bounds.Amount(DomainText.Get("Finance.TheAmount"), Amount.Value) is { } wrong) yield return (nameof(Amount), wrong);
        if (ValueDate is null) yield return (nameof(ValueDate), DomainText.Get("Finance.GiveValueDate"));
        else if (Bounds.Date(DomainText.Get("Finance.TheValueDate"), ValueDate.Value) is { } outside) yield return (nameof(ValueDate), outside);
        else if (ValueDate > today) yield return (nameof(ValueDate), DomainText.Get("Finance.ContributionInFuture"));
        if (BankPayment.ReferenceProblem(BankReference) is { } reference) yield return (nameof(BankReference), reference);
    }

    /// <summary>The amount in its currency; only once <see cref="Problems"/> is empty.</summary>
    public Money Money() => new(Amount ?? throw new InvalidOperationException("Check the problems first."), Currency!.Trim().ToUpperInvariant());
}
