using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Finance;

namespace Caf.UnitTests;

/// <summary>The ledger's totals per currency, as the ledger page, the API and the workbook's Summary show them.</summary>
public sealed class LedgerTotalsTests
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    private static LedgerRow Row(LedgerEntryKind kind, decimal amount, string currency = "CHF", decimal rate = 1m, string? grant = null,
        bool reversal = false, bool reversed = false) =>
        new(Guid.NewGuid(), Day, kind, grant, kind.ToString(), null, null, null, currency, amount, "CHF", Money.Round(amount * rate), rate, Day,
            currency == "CHF" ? "fund currency" : "test rate",
            reversal ? new LedgerLink(Guid.NewGuid(), Day.AddDays(-3), "Contribution: Norway") : null,
            reversed ? new LedgerLink(Guid.NewGuid(), Day, "Reversal: booked twice.") : null, Matched: false);

    [Fact]
    public void Exchange_differences_have_a_line_of_their_own_and_are_not_in_the_fund_currency_line()
    {
        var totals = LedgerTotals.Of(Day,
        [
            Row(LedgerEntryKind.Contribution, 10_000m),
            Row(LedgerEntryKind.Disbursement, 1_600m, "USD", 0.8825m, grant: "CAF-2026-001"),
            Row(LedgerEntryKind.ExchangeLoss, 28m, grant: "CAF-2026-001"),
            Row(LedgerEntryKind.ExchangeGain, 2.50m, grant: "CAF-2026-001"),
        ], "CHF");

        var chf = totals.PerCurrency[0];
        Assert.Equal(("CHF", 1, new Money(10_000m, "CHF"), new Money(0m, "CHF")), (chf.Currency, chf.EntryCount, chf.CashIn, chf.CashOut));
        var exchange = totals.ExchangeDifferences;
        Assert.Equal((2, new Money(2.50m, "CHF"), new Money(28m, "CHF"), new Money(-25.50m, "CHF")),
            (exchange.EntryCount, exchange.CashIn, exchange.CashOut, exchange.Balance));
        Assert.Equal(new Money(1_600m, "USD"), totals.PerCurrency[1].CashOut);
        Assert.Equal(4, totals.EntryCount);
    }

    [Fact]
    public void A_reversed_contribution_lowers_cash_in_and_is_not_counted_as_cash_out()
    {
        var totals = LedgerTotals.Of(Day,
            [Row(LedgerEntryKind.Contribution, 150_000m, reversed: true), Row(LedgerEntryKind.Contribution, 100_000m), Row(LedgerEntryKind.Contribution, 150_000m, reversal: true)],
            "CHF");

        var chf = Assert.Single(totals.PerCurrency);
        Assert.Equal((new Money(100_000m, "CHF"), new Money(0m, "CHF"), new Money(100_000m, "CHF")), (chf.CashIn, chf.CashOut, chf.Balance));
    }

    [Fact]
    public void The_fund_currency_comes_first_even_without_entries_and_the_others_in_order()
    {
        var totals = LedgerTotals.Of(Day, [Row(LedgerEntryKind.Commitment, 500m, "USD", 0.9m), Row(LedgerEntryKind.Commitment, 400m, "EUR", 0.95m)], "CHF");

        Assert.Equal(["CHF", "EUR", "USD"], totals.PerCurrency.Select(t => t.Currency));
        Assert.Equal(new Money(0m, "CHF"), totals.PerCurrency[0].OpenCommitments);
        Assert.Equal(new Money(500m, "USD"), totals.PerCurrency[2].OpenCommitments);
        Assert.Equal(new Money(0m, "CHF"), totals.ExchangeDifferences.Balance);
    }

    [Fact]
    public void Totals_from_the_sums_sql_adds_up_equal_totals_from_the_rows()
    {
        List<LedgerRow> rows =
        [
            Row(LedgerEntryKind.Contribution, 150_000m, reversed: true), Row(LedgerEntryKind.Contribution, 150_000m, reversal: true),
            Row(LedgerEntryKind.Commitment, 2_000m, "USD", 0.9m), Row(LedgerEntryKind.Disbursement, 1_600m, "USD", 0.9m),
            Row(LedgerEntryKind.CommitmentRelease, 400m, "USD", 0.9m), Row(LedgerEntryKind.ExchangeLoss, 12.40m),
        ];
        var sums = rows.GroupBy(r => (r.Currency, r.Kind, r.IsReversal))
            .Select(g => new LedgerSum(g.Key.Currency, g.Key.Kind, g.Count(), (g.Key.IsReversal ? -1 : 1) * g.Sum(r => r.EntryAmount))).ToList();

        Assert.Equivalent(LedgerTotals.Of(Day, rows, "CHF"), LedgerTotals.Of(Day, sums, "CHF"), strict: true);
    }

    [Fact]
    public void A_fund_entry_is_reversed_from_the_ledger_once_and_a_reversal_or_a_grants_entry_never()
    {
        Assert.True(Row(LedgerEntryKind.Contribution, 10m).MayReverse);
        Assert.False(Row(LedgerEntryKind.Contribution, 10m, reversed: true).MayReverse);
        Assert.False(Row(LedgerEntryKind.Contribution, 10m, reversal: true).MayReverse);
        Assert.False(Row(LedgerEntryKind.BankCharge, 10m, grant: "CAF-2026-001").MayReverse);
    }

    [Fact]
    public void A_reversal_row_is_negative_in_its_currency_and_in_fund_currency()
    {
        var reversal = Row(LedgerEntryKind.Contribution, 1_000m, "USD", 0.8825m, reversal: true);

        Assert.Equal((new Money(-1_000m, "USD"), new Money(-882.50m, "CHF"), -1_000m, 0m), (reversal.Amount, reversal.FundAmount, reversal.CashIn, reversal.CashOut));
        Assert.Equal("0.8825 (test rate, 2026-11-30)", reversal.RateText);
        Assert.Equal("", Row(LedgerEntryKind.Contribution, 5m).RateText);
    }
}
