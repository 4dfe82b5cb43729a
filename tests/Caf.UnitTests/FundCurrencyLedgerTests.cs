using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Data.Finance.Statements;

namespace Caf.UnitTests;

/// <summary>
/// A grant in another currency than the fund's (ADR 0022): committed at the approval date's rate, paid at the commitment's
/// rate with the difference booked apart, released at the commitment's rate, and corrected only by reversals; the
/// balance identity cash = contributions − disbursements + refunds − charges ± exchange differences holds to the cent.
/// </summary>
public sealed class FundCurrencyLedgerTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private readonly GrantApplicationBuilder _given = new();

    private static Conversion Usd(decimal amount, decimal rate) => Conversion.At(new Money(amount, "USD"), "CHF", rate, Today, "UN operational rate");

    /// <summary>An approved USD grant (by default USD 10,000 committed at 0.90, CHF 9,000).</summary>
    private GrantApplication ApprovedInUsd(decimal amount = 10_000m, decimal rate = 0.90m)
    {
        var application = _given.Draft(currency: "USD");
        application.ReplaceBudget([(BudgetCategory.Travel, "Flights", 1m, new Money(amount, "USD"))]);
        GrantApplicationBuilder.ToCommitteeReview(application);
        application.RecordDecision(new Money(amount, "USD"), "Approved.", null, Now);
        GrantApplicationBuilder.MoveTo(application, GrantStages.Approved);
        application.AddLedgerEntry(LedgerEntryKind.Commitment, Usd(amount, rate), Today, "Commitment", null, "workflow", Now);
        return application;
    }

    private static decimal Cash(IEnumerable<LedgerEntry> entries) => entries.Sum(e => e.FundCashEffect);
    private static decimal Committed(IEnumerable<LedgerEntry> entries) => entries.Sum(e => e.FundCommitmentEffect);

    [Fact]
    public void A_payment_converted_to_another_fund_currency_than_its_commitments_is_refused()
    {
        var application = ApprovedInUsd();
        var inEuros = Conversion.At(new Money(8_000m, "USD"), "EUR", 0.85m, Today, "ECB");

        var ex = Assert.Throws<DomainException>(() => GrantApplicationBuilder.SignAndPay(application, inEuros, "UBS-1"));

        Assert.Equal("This grant was committed in CHF, the fund's currency then; it cannot be paid against it in EUR.", ex.Message);
        Assert.Equal(0m, application.Disbursed.Amount);
    }

    [Fact]
    public void A_tranche_paid_at_a_dearer_rate_is_booked_at_the_commitments_rate_with_an_exchange_loss_beside_it()
    {
        var application = ApprovedInUsd();

        var tranche = GrantApplicationBuilder.SignAndPay(application, Usd(8_000m, 0.92m), "UBS-1");

        Assert.Equal((new Money(8_000m, "USD"), new Money(7_200m, "CHF"), 0.90m), (tranche.Amount, tranche.FundAmount, tranche.Rate));
        var loss = Assert.Single(application.LedgerEntries, e => e.Kind == LedgerEntryKind.ExchangeLoss);
        Assert.Equal(new Money(160m, "CHF"), loss.FundAmount);                 // 8,000 × (0.92 − 0.90)
        Assert.Equal(-7_360m, Cash(application.LedgerEntries));                 // what left the bank in CHF
        Assert.Equal(1_800m, Committed(application.LedgerEntries));             // USD 2,000 still promised, at 0.90
        Assert.Equal(new Money(2_000m, "USD"), application.Committed - application.Disbursed);
    }

    [Fact]
    public void A_tranche_paid_at_a_cheaper_rate_books_an_exchange_gain_and_one_at_the_same_rate_books_none()
    {
        var cheaper = ApprovedInUsd();
        GrantApplicationBuilder.SignAndPay(cheaper, Usd(8_000m, 0.8875m), "UBS-1");
        var gain = Assert.Single(cheaper.LedgerEntries, e => e.Kind == LedgerEntryKind.ExchangeGain);
        Assert.Equal(new Money(100m, "CHF"), gain.FundAmount);                 // 8,000 × (0.90 − 0.8875)
        Assert.Equal(-7_100m, Cash(cheaper.LedgerEntries));

        var same = ApprovedInUsd();
        GrantApplicationBuilder.SignAndPay(same, Usd(8_000m, 0.90m), "UBS-1");
        Assert.DoesNotContain(same.LedgerEntries, e => e.Kind is LedgerEntryKind.ExchangeGain or LedgerEntryKind.ExchangeLoss);
    }

    [Fact]
    public void The_unpaid_commitment_is_released_at_its_own_rate_so_the_commitment_ends_at_zero_in_both_currencies()
    {
        var application = ApprovedInUsd();
        GrantApplicationBuilder.SignAndPay(application, Usd(8_000m, 0.93m), "UBS-1");
        GrantApplicationBuilder.MoveTo(application, GrantStages.Closed);

        var release = application.ReleaseUnpaidCommitment("finance-1", Now)!;

        Assert.Equal((new Money(2_000m, "USD"), new Money(1_800m, "CHF")), (release.Amount, release.FundAmount));
        Assert.Equal(0m, Committed(application.LedgerEntries));
        Assert.Equal(Money.Zero("USD"), application.Committed - application.Disbursed);
    }

    [Fact]
    public void Draws_round_together_so_the_commitment_ends_at_exactly_zero_whatever_the_cents()
    {
        // USD 10,000.05 at 0.8812 is CHF 8,812.04 committed; 8,000.04 and 2,000.01 rounded apart would book 8,812.05.
        var application = ApprovedInUsd(10_000.05m, 0.8812m);
        Assert.Equal(new Money(8_812.04m, "CHF"), application.LedgerEntries.Single(e => e.Kind == LedgerEntryKind.Commitment).FundAmount);

        GrantApplicationBuilder.SignAndPay(application, Usd(8_000.04m, 0.8812m), "UBS-1");
        GrantApplicationBuilder.MoveTo(application, GrantStages.Closed);
        application.ReleaseUnpaidCommitment("finance-1", Now);

        Assert.Equal(0m, Committed(application.LedgerEntries));
        Assert.Equal(new Money(7_049.64m, "CHF"), application.LedgerEntries.Single(e => e.Kind == LedgerEntryKind.Disbursement).FundAmount);
        Assert.Equal(new Money(1_762.40m, "CHF"), application.LedgerEntries.Single(e => e.Kind == LedgerEntryKind.CommitmentRelease).FundAmount);
        Assert.DoesNotContain(application.LedgerEntries, e => e.Kind is LedgerEntryKind.ExchangeGain or LedgerEntryKind.ExchangeLoss);
    }

    [Fact]
    public void Cash_equals_contributions_less_disbursements_plus_refunds_less_charges_plus_or_minus_exchange_differences()
    {
        var application = ApprovedInUsd();
        LedgerEntry[] fund =
        [
            LedgerEntry.Contribution("Norway", null, Conversion.Same(new Money(50_000m, "CHF"), Today), Today, "NO-1", "finance-1", Now),
            LedgerEntry.Contribution("EU", "Victim assistance", Conversion.At(new Money(20_000m, "EUR"), "CHF", 0.9351m, Today, "ECB"), Today, "EU-1",
                "finance-1", Now),
            LedgerEntry.BankChargeOnFund(Conversion.Same(new Money(35.50m, "CHF"), Today), Today, "Transfer fee", "UBS-F", "finance-1", Now),
        ];
        GrantApplicationBuilder.SignAndPay(application, Usd(8_000m, 0.9137m), "UBS-1");
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation);
        application.RecordRefund(Usd(333.33m, 0.8999m), Today, "UBS-R", "finance-1", Now);
        var entries = fund.Concat(application.LedgerEntries).ToList();

        decimal Sum(LedgerEntryKind kind) => entries.Where(e => e.Kind == kind).Sum(e => e.Sign * e.FundAmount.Amount);
        var identity = Sum(LedgerEntryKind.Contribution) - Sum(LedgerEntryKind.Disbursement) + Sum(LedgerEntryKind.Refund)
                       - Sum(LedgerEntryKind.BankCharge) - Sum(LedgerEntryKind.ExchangeLoss) + Sum(LedgerEntryKind.ExchangeGain);

        Assert.Equal(identity, Cash(entries));
        // 50,000 + 18,702 (EUR 20,000 × 0.9351) − 35.50 − 7,309.60 (USD 8,000 × 0.9137) + 299.96 (USD 333.33 × 0.8999 = 299.963697)
        Assert.Equal(61_656.86m, Cash(entries));
        Assert.All(entries, e => Assert.Equal("CHF", e.FundAmount.Currency));
    }

    [Fact]
    public void A_reversal_moves_everything_back_names_the_entry_it_reverses_and_is_not_itself_reversed()
    {
        var contribution = LedgerEntry.Contribution("Norway", null, Conversion.At(new Money(1_000m, "EUR"), "CHF", 0.94m, Today, "ECB"), Today,
            "NO-1", "finance-1", Now);

        var reversal = contribution.Reverse("Booked twice.", alreadyReversed: false, match: null, "finance-2", Now, Today);

        Assert.Equal(contribution.Id, reversal.ReversesEntryId);
        Assert.Equal((new Money(1_000m, "EUR"), new Money(940m, "CHF"), 0.94m), (reversal.Amount, reversal.FundAmount, reversal.Rate));
        Assert.Equal(0m, contribution.FundCashEffect + reversal.FundCashEffect);
        Assert.Equal(0m, contribution.CashEffect + reversal.CashEffect);
        Assert.Equal("Norway", reversal.Donor);
        Assert.Equal("This entry was already reversed.",
            Assert.Throws<DomainException>(() => contribution.Reverse("Again.", alreadyReversed: true, match: null, "finance-2", Now, Today)).Message);
        Assert.Equal("A reversal is not reversed: record the right entry instead.",
            Assert.Throws<DomainException>(() => reversal.Reverse("Undo.", alreadyReversed: false, match: null, "finance-2", Now, Today)).Message);
    }

    [Fact]
    public void An_entry_matched_to_a_line_of_the_bank_statement_is_not_reversed_until_a_proposal_is_rejected()
    {
        var contribution = LedgerEntry.Contribution("Norway", null, Conversion.Same(new Money(1_000m, "CHF"), Today), Today, "NO-1", "finance-1", Now);
        var proposed = new StatementMatch(Guid.NewGuid(), contribution.Id, confirmed: false, "same amount", null, Now);
        var confirmed = new StatementMatch(Guid.NewGuid(), contribution.Id, confirmed: true, "Matched by hand.", "finance-1", Now);

        Assert.Equal("A line of the bank's statement is proposed as this entry's match. Reject the proposal on the Bank statements page first, " +
                     "then reverse the entry.",
            Assert.Throws<DomainException>(() => contribution.Reverse("Booked twice.", alreadyReversed: false, proposed, "finance-2", Now, Today)).Message);
        Assert.StartsWith("This entry is matched to a line of the bank's statement, confirmed on ",
            Assert.Throws<DomainException>(() => contribution.Reverse("Booked twice.", alreadyReversed: false, confirmed, "finance-2", Now, Today)).Message);
    }

    [Fact]
    public void A_contribution_names_its_donor_and_keeps_its_earmarking()
    {
        var refused = Assert.Throws<DomainException>(() =>
            LedgerEntry.Contribution(" ", null, Conversion.Same(new Money(1m, "CHF"), Today), Today, null, "finance-1", Now));
        Assert.Equal(("Donor", "Name the donor."), (refused.Field, refused.Message));

        var earmarked = LedgerEntry.Contribution(" Canada ", " Victim assistance ", Conversion.Same(new Money(1m, "CHF"), Today), Today, null,
            "finance-1", Now);
        Assert.Equal(("Canada", "Victim assistance", "Contribution: Canada"), (earmarked.Donor, earmarked.Earmarking, earmarked.Description));
        Assert.Empty(new ContributionReceipt("Canada", null, 1m, "chf", Today, null).Problems(Today));
        Assert.Equal(["Donor", "Currency", "ValueDate"],
            new ContributionReceipt(null, null, 1m, "JPY", Today.AddDays(1), null).Problems(Today).Select(p => p.Field));
    }
}
