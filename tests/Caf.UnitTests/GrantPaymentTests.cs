using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>
/// The grant's money: the agreement's tranche schedule, each payment requested by one finance officer, approved by another
/// and then paid, within its tranche and the commitment; a refund at reconciliation.
/// </summary>
public sealed class GrantPaymentTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private readonly GrantApplicationBuilder _given = new();

    private static Money Chf(decimal amount) => new(amount, "CHF");

    /// <summary>Money moved in the fund currency: its own amount at rate 1.</summary>
    private static Conversion Paid(decimal amount) => Conversion.Same(Chf(amount), Today);

    private static readonly TranchePlan[] EightyTwenty =
        [new(8_000m, TrancheCondition.OnSignature), new(2_000m, TrancheCondition.AfterFinalReports)];

    [Fact]
    public void Recording_the_agreement_keeps_its_schedule_and_pays_nothing()
    {
        var application = _given.Approved(10_000m);

        GrantApplicationBuilder.Agree(application, EightyTwenty);

        Assert.Equal(Today, application.AgreementSignedOn);
        Assert.Equal([(1, Chf(8_000m), TrancheCondition.OnSignature), (2, Chf(2_000m), TrancheCondition.AfterFinalReports)],
            application.Tranches.Select(t => (t.Number, t.Amount, t.Condition)));
        Assert.Empty(application.LedgerEntries);
        Assert.Empty(application.Disbursements);
    }

    [Fact]
    public void A_payment_is_requested_approved_by_someone_else_then_paid_and_only_then_booked()
    {
        var application = _given.Approved(10_000m);
        GrantApplicationBuilder.Agree(application, EightyTwenty);

        var request = application.RequestDisbursement(1, Chf(8_000m), "finance-1", Now);
        Assert.Equal(Chf(8_000m), application.OpenDisbursements);
        Assert.Equal("You requested this payment: another finance officer approves it.",
            Assert.Throws<DomainException>(() => application.ApproveDisbursement(request.Id, "finance-1", Now)).Message);
        Assert.Equal("This payment awaits a second finance officer's approval: it is paid once approved.",
            Assert.Throws<DomainException>(() => application.PayDisbursement(request.Id, Paid(8_000m), Today, "UBS-1", "finance-1", Now)).Message);
        Assert.Empty(application.LedgerEntries);

        application.ApproveDisbursement(request.Id, "finance-2", Now);
        Assert.Equal("This payment is approved and awaiting payment: there is nothing to approve.",
            Assert.Throws<DomainException>(() => application.ApproveDisbursement(request.Id, "finance-3", Now)).Message);
        var entry = application.PayDisbursement(request.Id, Paid(8_000m), Today, "UBS-1", "finance-1", Now);

        Assert.Equal((LedgerEntryKind.Disbursement, Chf(8_000m), "UBS-1"), (entry.Kind, entry.Amount, entry.BankReference));
        Assert.Equal((DisbursementStatus.Paid, entry.Id, "finance-2"), (request.Status, request.PaidEntryId, request.ApprovedByUserId));
        Assert.Equal(Chf(8_000m), application.Disbursed);
        Assert.Equal(Chf(0m), application.OpenDisbursements);
        Assert.Equal("This payment is paid: it cannot be paid again.",
            Assert.Throws<DomainException>(() => application.PayDisbursement(request.Id, Paid(8_000m), Today, "UBS-1b", "finance-1", Now)).Message);
    }

    [Fact]
    public void A_tranche_is_requested_within_what_it_has_left_and_once_at_a_time()
    {
        var application = _given.Approved(10_000m);
        GrantApplicationBuilder.Agree(application, EightyTwenty);

        Assert.Equal("Tranche 1 has CHF 8,000.00 left to pay.", application.DisbursementRequestProblem(1, 8_000.01m));
        Assert.Equal("The amount must be more than zero.", application.DisbursementRequestProblem(1, 0m));
        Assert.Equal("The agreement has no tranche 3.", application.DisbursementRequestProblem(3, 1m));
        Assert.Equal("Tranche 2 is paid once the final reports are accepted.", application.DisbursementRequestProblem(2, 1m));
        application.RequestDisbursement(1, Chf(5_000m), "finance-1", Now);
        Assert.Equal("Tranche 1 already has a payment awaiting approval or payment.", application.DisbursementRequestProblem(1, 1m));
        Assert.Equal(Chf(3_000m), application.TrancheRemaining(1));
    }

    [Fact]
    public void A_cancelled_request_books_nothing_and_frees_its_tranche()
    {
        var application = _given.Approved(10_000m);
        GrantApplicationBuilder.Agree(application, EightyTwenty);
        var request = application.RequestDisbursement(1, Chf(8_000m), "finance-1", Now);
        application.ApproveDisbursement(request.Id, "finance-2", Now);

        Assert.Equal("CancelReason", Assert.Throws<DomainException>(() => application.CancelDisbursement(request.Id, " ", "finance-1", Now)).Field);
        application.CancelDisbursement(request.Id, "Wrong bank details.", "finance-1", Now);

        Assert.Equal(DisbursementStatus.Cancelled, request.Status);
        Assert.Empty(application.LedgerEntries);
        Assert.Null(application.DisbursementRequestProblem(1, 8_000m));
    }

    [Fact]
    public void Before_an_agreement_nothing_is_requested_and_after_a_request_the_schedule_no_longer_changes()
    {
        var application = _given.Approved(10_000m);
        Assert.Equal("Record the signed agreement and its schedule first.", application.DisbursementRequestProblem(1, 1m));
        GrantApplicationBuilder.Agree(application, EightyTwenty);
        GrantApplicationBuilder.Agree(application, [new(10_000m, TrancheCondition.OnSignature)]); // corrected before any payment
        Assert.Single(application.Tranches);
        application.RequestDisbursement(1, Chf(1_000m), "finance-1", Now);

        Assert.Equal("A payment was already requested under this agreement: the schedule no longer changes.",
            Assert.Throws<DomainException>(() => application.RecordAgreement(Today, EightyTwenty, Today)).Message);
    }

    [Fact]
    public void An_agreement_is_recorded_only_at_the_approved_stage_and_its_rules_hold()
    {
        var decidedButNotApproved = _given.InCommitteeReview(10_000m);
        decidedButNotApproved.RecordDecision(Chf(10_000m), "Approved.", null, Now);
        Assert.Contains("once the committee has approved",
            Assert.Throws<DomainException>(() => decidedButNotApproved.RecordAgreement(Today, EightyTwenty, Today)).Message);
        Assert.Contains("stage 'Active'", Assert.Throws<DomainException>(() => _given.Signed().RecordAgreement(Today, EightyTwenty, Today)).Message);

        var application = _given.Approved(10_000m);
        Assert.Equal("SignedOn", Assert.Throws<DomainException>(() => application.RecordAgreement(new DateOnly(1999, 12, 31), EightyTwenty, Today)).Field);
        Assert.Equal("Tranches", Assert.Throws<DomainException>(() =>
            application.RecordAgreement(Today, [new(9_000m, TrancheCondition.OnSignature)], Today)).Field);
        Assert.Null(application.AgreementSignedOn);
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
    }

    [Theory]
    [InlineData("UBS\u200B-R9")]          // a zero-width space pasted from a bank portal
    [InlineData("UBS\u2011R9")]           // a non-breaking hyphen
    [InlineData("\uFF35\uFF22\uFF33-R9")] // full-width letters
    [InlineData("\u202EUBS-R9\u202C")]    // a right-to-left override
    [InlineData("UBS\u2212R9\t")]         // a minus sign and a tab
    [InlineData("UBS-R9\u034F")]          // a combining grapheme joiner
    [InlineData("UBS-R9\uFE0F")]          // a variation selector
    [InlineData("UBS-R9\u3164")]          // a Hangul filler
    [InlineData("UBS-R9\U000E0020")]      // a tag character, beyond the basic plane
    public void A_reference_that_only_looks_different_is_the_same_bank_transfer(string disguised)
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        application.RecordRefund(Paid(100m), Today, "UBS-R9", "finance-1", Now);

        var twice = Assert.Throws<DomainException>(() => application.RecordRefund(Paid(100m), Today, disguised, "finance-2", Now));

        Assert.StartsWith("The bank transfer UBS-R9 is already recorded on this grant", twice.Message);
    }

    [Fact]
    public void A_reference_is_stored_as_it_reads_and_one_of_invisible_characters_only_is_none()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);
        var entry = application.RecordRefund(Paid(100m), Today, "\u202E ubs\u2013r9\u200D ", "finance-1", Now);

        Assert.Equal("ubs-r9", entry.BankReference);
        Assert.Equal(["Give the bank's reference for the payment."],
            new BankPayment(100m, Today, "\u200B\u200C\uFEFF").Problems().Select(p => p.Message));
        Assert.Null(BankText.Normalize("\uD800"));
        // A look-alike letter is not normalized away: it is refused, naming the character.
        Assert.Equal("Write the bank reference as the bank shows it, in plain letters A–Z, digits and punctuation: “\u0410” (U+0410) is not one of them.",
            Assert.Throws<DomainException>(() => application.RecordRefund(Paid(50m), Today, "\u0410BC-1", "finance-1", Now)).Message);
        Assert.Equal(["Write the bank reference as the bank shows it, in plain letters A–Z, digits and punctuation: “\u1E04” (U+1E04) is not one of them."],
            new BankPayment(100m, Today, "B\u0323-1").Problems().Select(p => p.Message));
        Assert.Equal("Z\u00FCrich \U0001F600", BankText.Normalize("Zu\u0308rich\u00A0\uDC00\U0001F600"));
    }

    [Fact]
    public void Money_is_booked_once_it_has_moved_not_on_a_future_value_date()
    {
        var application = _given.Approved(10_000m);
        GrantApplicationBuilder.Agree(application, EightyTwenty);
        var tomorrow = FundTime.DateOf(Now).AddDays(1);

        var future = Assert.Throws<DomainException>(() => GrantApplicationBuilder.PayTranche(application, 1, Paid(8_000m), "UBS-F1", tomorrow));

        Assert.Equal(("ValueDate", "The value date 11 March 2026 is in the future: record the movement once the bank has made it."),
            (future.Field, future.Message));
        Assert.Equal(Chf(0m), application.Disbursed);
    }

    [Fact]
    public void The_last_tranche_may_reach_exactly_what_the_final_report_leaves_owed()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Reporting);
        application.SubmitFinalReport("final.pdf", "application/pdf", "%PDF-1.7"u8.ToArray(), 9_500m, "applicant-1", Now).Accept();
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation);
        Assert.Equal(Chf(1_500m), application.StillOwed);

        Assert.Equal("The accepted final report leaves CHF 1,500.00 owed to the grantee; a payment cannot exceed it.", application.DisbursementRequestProblem(2, 2_000m));
        var entry = GrantApplicationBuilder.PayTranche(application, 2, Paid(1_500m), "UBS-2");

        Assert.Equal(LedgerEntryKind.Disbursement, entry.Kind);
        Assert.Equal(Chf(9_500m), application.Disbursed);
        Assert.Equal(Chf(500m), application.Unpaid);
        Assert.Equal(Chf(0m), application.StillOwed);
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
    public void A_refund_waits_for_final_reconciliation(string stage)
    {
        var application = _given.Signed(10_000m, 8_000m, stage);

        var refund = Assert.Throws<DomainException>(() => application.RecordRefund(Paid(1m), Today, "R", "finance-1", Now));

        Assert.Equal($"A refund from the grantee is recorded at final reconciliation; this grant is at the stage '{stage}'.", refund.Message);
        Assert.Single(application.LedgerEntries);
    }


    [Fact]
    public void What_is_still_owed_compares_the_reported_expenditure_with_what_was_paid_net()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Reporting);
        Assert.Null(application.StillOwed);

        var report = application.SubmitFinalReport("report.pdf", "application/pdf", [1, 2, 3], 9_000m, "applicant-1", Now);
        Assert.Null(application.StillOwed); // counted once the ISU accepts it
        report.Accept();

        Assert.Equal(Chf(1_000m), application.StillOwed);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Commitment, GrantStages.Approved, true)]
    [InlineData(LedgerEntryKind.Commitment, GrantStages.Active, false)]
    // A payment to the grantee is booked only by paying an approved request (PayDisbursement), never directly.
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.Approved, false)]
    [InlineData(LedgerEntryKind.Disbursement, GrantStages.FinalReconciliation, false)]
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

    [Theory]
    [InlineData(GrantStages.Active)]
    [InlineData(GrantStages.Reporting)]
    public void A_tranche_during_the_activities_is_paid_while_the_grant_runs_not_before(string stage)
    {
        var application = _given.Approved(10_000m);
        GrantApplicationBuilder.Agree(application, [new(5_000m, TrancheCondition.OnSignature), new(5_000m, TrancheCondition.DuringActivities)]);
        Assert.Equal("Tranche 2 is paid while the grant runs; this grant is at the stage 'Approved'.", application.DisbursementRequestProblem(2, 1m));
        GrantApplicationBuilder.PayTranche(application, 1, Paid(5_000m), "UBS-1");
        GrantApplicationBuilder.MoveTo(application, stage);

        GrantApplicationBuilder.PayTranche(application, 2, Paid(5_000m), "UBS-2");

        Assert.Equal(Chf(10_000m), application.Disbursed);
        Assert.Equal("A payment cannot exceed what remains of the commitment, CHF 0.00.", application.PaymentProblem(0.01m));
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
        var ex = Assert.Throws<DomainException>(() => application.RecordRefund(Conversion.At(new Money(100m, "USD"), "CHF", 0.9m, Today, "test"), Today, "P", "finance-1", Now));
        Assert.Equal(nameof(LedgerEntry.Amount), ex.Field);
    }
}
