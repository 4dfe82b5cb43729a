using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>The grant's money: the first tranche on signature, the final payment or refund at reconciliation, each at its stage and within its cap.</summary>
public sealed class GrantPaymentTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private readonly GrantApplicationBuilder _given = new();

    private static Money Chf(decimal amount) => new(amount, "CHF");

    /// <summary>Money moved in the fund currency: its own amount at rate 1.</summary>
    private static Conversion Paid(decimal amount) => Conversion.Same(Chf(amount), Today);

    private static LedgerEntry Sign(GrantApplication application, decimal tranche) =>
        application.SignAgreement(Today, Paid(tranche), Today, "UBS-1", "finance-1", Now);

    [Fact]
    public void Signing_records_the_date_and_pays_the_first_tranche()
    {
        var application = _given.Approved(10_000m);

        var entry = Sign(application, 8_000m);

        Assert.Equal(Today, application.AgreementSignedOn);
        Assert.Equal((LedgerEntryKind.Disbursement, Chf(8_000m), "UBS-1"), (entry.Kind, entry.Amount, entry.BankReference));
        Assert.Equal(Chf(8_000m), application.Disbursed);
    }

    [Fact]
    public void The_proposed_first_tranche_is_eighty_percent_of_the_approved_amount_to_the_cent()
    {
        Assert.Equal(0.8m, GrantApplication.FirstTrancheShare);
        Assert.Equal(Chf(8_000m), _given.Approved(10_000m).ProposedFirstTranche);
        Assert.Equal(Chf(800.01m), _given.Approved(1_000.01m).ProposedFirstTranche);
        Assert.Null(_given.Draft().ProposedFirstTranche);
    }

    public static TheoryData<decimal> TranchesWithinTheApprovedAmount => [0.01m, 10_000m];
    public static TheoryData<decimal> TranchesOutsideTheApprovedAmount => [0m, 10_000.01m];

    [Theory]
    [MemberData(nameof(TranchesWithinTheApprovedAmount))]
    public void A_first_tranche_from_a_cent_up_to_the_whole_approved_amount_is_paid(decimal tranche)
    {
        var application = _given.Approved(10_000m);
        Assert.Null(application.FirstTrancheProblem(tranche));
        Sign(application, tranche);
        Assert.Equal(Chf(tranche), application.Disbursed);
    }

    [Theory]
    [MemberData(nameof(TranchesOutsideTheApprovedAmount))]
    public void A_first_tranche_of_nothing_or_above_the_approved_amount_is_refused_and_nothing_is_signed(decimal tranche)
    {
        var application = _given.Approved(10_000m);

        var ex = Assert.Throws<DomainException>(() => Sign(application, tranche));

        Assert.Equal("The first tranche must be more than zero and at most the approved CHF 10,000.00.", ex.Message);
        Assert.Equal(nameof(LedgerEntry.Amount), ex.Field);
        Assert.Null(application.AgreementSignedOn);
        Assert.Empty(application.LedgerEntries);
    }

    [Fact]
    public void An_agreement_is_signed_only_at_the_approved_stage()
    {
        var undecided = _given.DraftRequesting(10_000m);
        Assert.Equal("An agreement can be signed only for an approved grant.", Assert.Throws<DomainException>(() => Sign(undecided, 1m)).Message);

        var decidedButNotApproved = _given.InCommitteeReview(10_000m);
        decidedButNotApproved.RecordDecision(Chf(10_000m), "Approved.", null, Now);
        Assert.Contains("once the committee has approved", Assert.Throws<DomainException>(() => Sign(decidedButNotApproved, 1m)).Message);

        var active = _given.Signed();
        Assert.Contains("stage 'Active'", Assert.Throws<DomainException>(() => Sign(active, 1m)).Message);
    }

    [Fact]
    public void A_signing_date_outside_the_sensible_range_is_refused()
    {
        var application = _given.Approved();
        var ex = Assert.Throws<DomainException>(() => application.SignAgreement(new DateOnly(1999, 12, 31), Paid(1m), Today, "T1", "f", Now));
        Assert.Equal("SignedOn", ex.Field);
    }

    [Fact]
    public void The_same_bank_transfer_is_not_recorded_twice_on_a_grant_and_each_recording_moves_its_ledger_version()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        var version = application.LedgerVersion;
        application.RecordRefund(Paid(100m), Today, "UBS-R9", "finance-1", Now);
        Assert.Equal(version + 1, application.LedgerVersion);

        var twice = Assert.Throws<DomainException>(() => application.RecordRefund(Paid(100m), Today, " ubs-r9 ", "finance-2", Now));

        Assert.Equal("BankReference", twice.Field);
        Assert.StartsWith("The bank transfer UBS-R9 is already recorded on this grant (CHF 100.00, value date 10 March 2026).", twice.Message);
        Assert.Equal(Chf(100m), application.Refunded);
        Assert.Equal(version + 1, application.LedgerVersion);
        // Another kind may carry the same reference (the bank's numbering is its own).
        application.RecordFinalPayment(Paid(100m), Today, "UBS-R9", "finance-1", Now);
    }

    [Fact]
    public void Money_is_booked_once_it_has_moved_not_on_a_future_value_date()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        var tomorrow = FundTime.DateOf(Now).AddDays(1);

        var future = Assert.Throws<DomainException>(() => application.RecordFinalPayment(Paid(100m), tomorrow, "UBS-F1", "finance-1", Now));

        Assert.Equal(("ValueDate", "The value date 11 March 2026 is in the future: record the movement once the bank has made it."),
            (future.Field, future.Message));
        Assert.Equal(Chf(8_000m), application.Disbursed);
    }

    [Fact]
    public void The_final_payment_may_reach_exactly_what_remains_of_the_commitment()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        Assert.Equal(Chf(2_000m), application.Unpaid);

        var entry = application.RecordFinalPayment(Paid(2_000m), Today, "UBS-2", "finance-1", Now);

        Assert.Equal(LedgerEntryKind.Disbursement, entry.Kind);
        Assert.Equal(Chf(10_000m), application.Disbursed);
        Assert.Equal(Chf(0m), application.Unpaid);
    }

    public static TheoryData<decimal, string> FinalPaymentsRefused => new()
    {
        { 2_000.01m, "A payment cannot exceed what remains of the commitment, CHF 2,000.00." },
        { 0m, "The amount must be more than zero." },
        { -5m, "The amount must be more than zero." },
    };

    [Theory]
    [MemberData(nameof(FinalPaymentsRefused))]
    public void A_final_payment_of_nothing_or_beyond_the_commitment_is_refused(decimal amount, string message)
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        Assert.Equal(message, application.FinalPaymentProblem(amount));
        Assert.Equal(message, Assert.Throws<DomainException>(() =>
            application.RecordFinalPayment(Paid(amount), Today, "UBS-2", "finance-1", Now)).Message);
        Assert.Equal(Chf(8_000m), application.Disbursed);
    }

    [Fact]
    public void A_refund_may_reach_exactly_what_was_paid_net_and_no_more()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        Assert.Equal("A refund cannot exceed what was paid net, CHF 8,000.00.", application.RefundProblem(8_000.01m));
        Assert.Equal("The amount must be more than zero.", application.RefundProblem(0m));

        application.RecordRefund(Paid(500m), Today, "UBS-R1", "finance-1", Now);

        Assert.Equal(Chf(7_500m), application.PaidNet);
        Assert.Equal("A refund cannot exceed what was paid net, CHF 7,500.00.",
            Assert.Throws<DomainException>(() => application.RecordRefund(Paid(7_500.01m), Today, "UBS-R2", "finance-1", Now)).Message);
        application.RecordRefund(Paid(7_500m), Today, "UBS-R2", "finance-1", Now);
        Assert.Equal(Chf(0m), application.PaidNet);
    }

    [Theory]
    [InlineData(GrantStages.Active)]
    [InlineData(GrantStages.Reporting)]
    [InlineData(GrantStages.Closed)]
    public void The_final_payment_and_a_refund_wait_for_final_reconciliation(string stage)
    {
        var application = _given.Signed(10_000m, 8_000m, stage);

        var payment = Assert.Throws<DomainException>(() => application.RecordFinalPayment(Paid(1m), Today, "P", "finance-1", Now));
        var refund = Assert.Throws<DomainException>(() => application.RecordRefund(Paid(1m), Today, "R", "finance-1", Now));

        Assert.Equal($"The final payment is recorded at final reconciliation; this grant is at the stage '{stage}'.", payment.Message);
        Assert.Equal($"A refund from the grantee is recorded at final reconciliation; this grant is at the stage '{stage}'.", refund.Message);
        Assert.Single(application.LedgerEntries);
    }

    [Fact]
    public void What_is_still_owed_compares_the_reported_expenditure_with_what_was_paid_net()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Reporting);
        Assert.Null(application.StillOwed);

        application.SubmitFinalReport("report.pdf", "application/pdf", [1, 2, 3], 9_000m, "applicant-1", Now);

        Assert.Equal(Chf(1_000m), application.StillOwed);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Commitment, GrantStages.Approved, true)]
    [InlineData(LedgerEntryKind.Commitment, GrantStages.Active, false)]
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.Approved, true)]
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.Active, false)]
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.Reporting, false)]
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.FinalReconciliation, true)]
    [InlineData(LedgerEntryKind.Refund, GrantStages.Approved, false)]
    [InlineData(LedgerEntryKind.Refund, GrantStages.FinalReconciliation, true)]
    [InlineData(LedgerEntryKind.BankCharge, GrantStages.Reporting, true)]
    [InlineData(LedgerEntryKind.BankCharge, GrantStages.Closed, false)]
    [InlineData(LedgerEntryKind.CommitmentRelease, GrantStages.FinalReconciliation, false)]
    [InlineData(LedgerEntryKind.CommitmentRelease, GrantStages.Closed, true)]
    [InlineData(LedgerEntryKind.Contribution, GrantStages.Approved, false)]
    [InlineData(LedgerEntryKind.Contribution, GrantStages.Active, false)]
    public void Each_kind_of_ledger_entry_is_booked_on_a_grant_only_at_its_stage(LedgerEntryKind kind, string stage, bool booked)
    {
        // Committed, except when the commitment itself is the entry booked.
        var committed = kind != LedgerEntryKind.Commitment;
        var application = _given.Signed(10_000m, 8_000m, stage, committed);
        var before = application.LedgerEntries.Count;

        void Book() => application.AddLedgerEntry(kind, Paid(100m), Today, "Entry", null, "finance-1", Now);

        if (booked) Book();
        else
        {
            var ex = Assert.Throws<DomainException>(Book);
            Assert.Null(ex.Field);
        }
        Assert.Equal(booked ? before + 1 : before, application.LedgerEntries.Count);
    }

    [Fact]
    public void The_approved_amount_is_committed_once_and_never_more()
    {
        var application = _given.Approved(10_000m);

        var over = Assert.Throws<DomainException>(() =>
            application.AddLedgerEntry(LedgerEntryKind.Commitment, Paid(10_000.01m), Today, "Commitment", null, "finance-1", Now));
        Assert.Equal("A commitment must be more than zero and at most the approved CHF 10,000.00.", over.Message);
        Assert.Equal("Amount", over.Field);

        application.AddLedgerEntry(LedgerEntryKind.Commitment, Paid(10_000m), Today, "Commitment", null, "finance-1", Now);
        var twice = Assert.Throws<DomainException>(() =>
            application.AddLedgerEntry(LedgerEntryKind.Commitment, Paid(1m), Today, "Commitment", null, "finance-1", Now));
        Assert.Equal("The funds for this grant were already committed (CHF 10,000.00 on 10 March 2026); they are committed once.", twice.Message);
        Assert.Equal(Chf(10_000m), application.Committed);
    }

    [Fact]
    public void A_release_gives_back_at_most_what_is_committed_and_unpaid()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Closed, committed: true);

        var over = Assert.Throws<DomainException>(() =>
            application.AddLedgerEntry(LedgerEntryKind.CommitmentRelease, Paid(2_000.01m), Today, "Release", null, "finance-1", Now));
        Assert.Equal("A release cannot exceed what is committed to this grant and not paid, CHF 2,000.00.", over.Message);

        application.AddLedgerEntry(LedgerEntryKind.CommitmentRelease, Paid(2_000m), Today, "Release", null, "finance-1", Now);
        Assert.Equal(Chf(8_000m), application.Committed);
        var again = Assert.Throws<DomainException>(() =>
            application.AddLedgerEntry(LedgerEntryKind.CommitmentRelease, Paid(1m), Today, "Release", null, "finance-1", Now));
        Assert.Equal("A release cannot exceed what is committed to this grant and not paid, CHF 0.00.", again.Message);
    }

    [Fact]
    public void A_donor_contribution_is_never_booked_on_a_grant()
    {
        var application = _given.Approved();
        var ex = Assert.Throws<DomainException>(() =>
            application.AddLedgerEntry(LedgerEntryKind.Contribution, Paid(100m), Today, "Canada", "CA-1", "finance-1", Now));
        Assert.Contains("not to one grant", ex.Message);
    }

    [Fact]
    public void Money_in_another_currency_than_the_grant_is_refused()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        var ex = Assert.Throws<DomainException>(() => application.RecordFinalPayment(Conversion.At(new Money(100m, "USD"), "CHF", 0.9m, Today, "test"), Today, "P", "finance-1", Now));
        Assert.Equal(nameof(LedgerEntry.Amount), ex.Field);
    }
}
