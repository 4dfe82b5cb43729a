using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

public sealed class LedgerEntryTests
{
    private static LedgerEntry Entry(LedgerEntryKind kind, decimal amount) =>
        new(kind, Conversion.Same(new Money(amount, "CHF"), new DateOnly(2026, 3, 10)), new DateOnly(2026, 3, 10), "Entry", null, null, "finance-1",
            GrantApplicationBuilder.Now);

    [Theory]
    [InlineData(LedgerEntryKind.Contribution, 250)]
    [InlineData(LedgerEntryKind.Refund, 250)]
    [InlineData(LedgerEntryKind.Disbursement, -250)]
    [InlineData(LedgerEntryKind.BankCharge, -250)]
    [InlineData(LedgerEntryKind.Commitment, 0)]
    [InlineData(LedgerEntryKind.CommitmentRelease, 0)]
    [InlineData(LedgerEntryKind.ExchangeLoss, -250)]
    [InlineData(LedgerEntryKind.ExchangeGain, 250)]
    public void Each_kind_moves_the_funds_cash_its_own_way(LedgerEntryKind kind, int expected)
    {
        Assert.Equal(expected, Entry(kind, 250m).CashEffect);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Commitment, 250)]
    [InlineData(LedgerEntryKind.Disbursement, -250)]
    [InlineData(LedgerEntryKind.CommitmentRelease, -250)]
    [InlineData(LedgerEntryKind.Contribution, 0)]
    [InlineData(LedgerEntryKind.Refund, 0)]
    [InlineData(LedgerEntryKind.BankCharge, 0)]
    [InlineData(LedgerEntryKind.ExchangeLoss, 0)]
    [InlineData(LedgerEntryKind.ExchangeGain, 0)]
    public void Each_kind_moves_the_funds_commitments_its_own_way(LedgerEntryKind kind, int expected)
    {
        Assert.Equal(expected, Entry(kind, 250m).CommitmentEffect);
    }

    [Fact]
    public void The_effects_above_cover_every_ledger_kind()
    {
        // A new kind must be placed in CashEffect and CommitmentEffect on purpose; this lists the kinds covered above.
        Assert.Equal(
            [LedgerEntryKind.Contribution, LedgerEntryKind.Commitment, LedgerEntryKind.Disbursement, LedgerEntryKind.Refund,
             LedgerEntryKind.BankCharge, LedgerEntryKind.CommitmentRelease, LedgerEntryKind.ExchangeLoss, LedgerEntryKind.ExchangeGain],
            Enum.GetValues<LedgerEntryKind>());
    }

    public static TheoryData<decimal> NotAmountsToTheCent => [0m, -0.01m, -100m, 10.001m, 0.005m, 1234.5678m];

    [Theory]
    [MemberData(nameof(NotAmountsToTheCent))]
    public void An_amount_that_is_not_a_positive_number_of_cents_is_refused(decimal amount)
    {
        var ex = Assert.Throws<DomainException>(() => Entry(LedgerEntryKind.Contribution, amount));
        Assert.Equal(nameof(LedgerEntry.Amount), ex.Field);
    }

    public static TheoryData<decimal> AmountsToTheCent => [0.01m, 10.1m, 10.10m, 10.100m, 1_000_000m];

    [Theory]
    [MemberData(nameof(AmountsToTheCent))]
    public void An_amount_to_the_cent_is_recorded(decimal amount)
    {
        Assert.Equal(amount, Entry(LedgerEntryKind.Contribution, amount).Amount.Amount);
    }

    [Fact]
    public void An_entry_without_a_description_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new LedgerEntry(LedgerEntryKind.Contribution, Conversion.Same(new Money(1m, "CHF"), new DateOnly(2026, 3, 10)),
            new DateOnly(2026, 3, 10), " ", null, null, "finance-1", GrantApplicationBuilder.Now));
        Assert.Equal(nameof(LedgerEntry.Description), ex.Field);
    }
}
