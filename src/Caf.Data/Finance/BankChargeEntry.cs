using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>What finance types for a charge the bank took from the fund's account (a transfer fee, account fees).</summary>
public sealed record BankChargeEntry(decimal? Amount, string? Currency, DateOnly? ValueDate, string? Description, string? BankReference)
{
    public const int DescriptionMaxLength = 400;

    /// <summary>Every problem, by field, before anything is written; <paramref name="today"/> is the fund's date.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateOnly today)
    {
        if (Amount is null) yield return (nameof(Amount), DomainText.Get("Finance.GiveCharge"));
        else if (Bounds.Amount(DomainText.Get("Finance.TheAmount"), Amount.Value) is { } wrong) yield return (nameof(Amount), wrong);
        if (!FundingRound.SupportedCurrencies.Contains(Currency?.Trim().ToUpperInvariant() ?? "")) yield return (nameof(Currency), DomainText.Get("Finance.ChooseCurrency"));
        if (ValueDate is null) yield return (nameof(ValueDate), DomainText.Get("Finance.GiveValueDate"));
        else if (Bounds.Date(DomainText.Get("Finance.TheValueDate"), ValueDate.Value) is { } outside) yield return (nameof(ValueDate), outside);
        else if (ValueDate > today) yield return (nameof(ValueDate), DomainText.Get("Finance.ChargeInFuture"));
        if (string.IsNullOrWhiteSpace(Description)) yield return (nameof(Description), DomainText.Get("Finance.SayChargeFor"));
        else if (Description.Trim().Length > DescriptionMaxLength)
            yield return (nameof(Description), DomainText.Get("Finance.DescriptionTooLong", DescriptionMaxLength));
        if (BankPayment.ReferenceProblem(BankReference) is { } reference) yield return (nameof(BankReference), reference);
    }

    /// <summary>The amount in its currency; only once <see cref="Problems"/> is empty.</summary>
    public Money Money() => new(Amount ?? throw new InvalidOperationException("Check the problems first."), Currency!.Trim().ToUpperInvariant());
}
