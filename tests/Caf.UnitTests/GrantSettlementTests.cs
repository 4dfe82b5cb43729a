using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>
/// Final reconciliation (ADR 0024): the accepted expenditure against what was paid gives what is still owed or the refund
/// due; a small refund is waived; spending above the approved amount is the grantee's; a terminated grant closes on what
/// finance accepted as spent.
/// </summary>
public sealed class GrantSettlementTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private static readonly Money Threshold = new(100m, "CHF");
    private readonly GrantApplicationBuilder _given = new();

    private static Money Chf(decimal amount) => new(amount, "CHF");

    /// <summary>Approved CHF 10,000, CHF 8,000 paid, the final report giving <paramref name="spent"/>, at final reconciliation.</summary>
    private GrantApplication Reported(decimal spent)
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Reporting);
        application.SubmitFinalReport("final.pdf", "application/pdf", "%PDF-1.7"u8.ToArray(), spent, "applicant-1", Now).Accept();
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation);
        return application;
    }

    /// <summary>Approved CHF 10,000, CHF 8,000 paid, terminated without a report and at final reconciliation.</summary>
    private GrantApplication Terminated()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Active);
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation);
        return application;
    }

    [Fact]
    public void Spending_below_what_was_paid_makes_the_difference_a_refund_due_and_the_grant_closes_once_it_is_received()
    {
        var application = Reported(7_600m);

        Assert.Equal(Chf(400m), application.RefundDue);
        Assert.Equal("The grantee reported spending CHF 7,600.00 but received CHF 8,000.00 net: record the refund of CHF 400.00 first, or waive it if it is small.",
            application.SettlementProblem());
        application.RecordRefund(Conversion.Same(Chf(400m), Today), Today, "UBS-RF-1", "finance-1", Now);

        Assert.Equal(Chf(0m), application.RefundDue);
        Assert.Null(application.SettlementProblem());
    }

    [Fact]
    public void A_refund_due_within_the_threshold_is_waived_with_who_when_and_why_and_the_grant_balances()
    {
        var application = Reported(7_920m);
        Assert.Equal(Chf(80m), application.RefundDue);

        Assert.Equal("RefundWaiverReason", Assert.Throws<DomainException>(() => application.WaiveRefund(Threshold, " ", "finance-1", Now)).Field);
        application.WaiveRefund(Threshold, "Cost of recovery above the amount.", "finance-1", Now);

        Assert.Equal((Chf(80m), "Cost of recovery above the amount.", "finance-1", (DateTime?)Now),
            (application.RefundWaived, application.RefundWaiverReason, application.RefundWaivedByUserId, application.RefundWaivedAtUtc));
        Assert.Equal(Chf(0m), application.RefundDue);
        Assert.Null(application.SettlementProblem());
        Assert.Equal("No refund is due: there is nothing to waive.", application.WaiverProblem(Threshold));
    }

    [Fact]
    public void A_refund_due_above_the_threshold_is_not_waived()
    {
        var application = Reported(7_899.99m);

        Assert.Equal("The refund due, CHF 100.01, is above the CHF 100.00 the fund waives: ask the grantee to pay it back.", application.WaiverProblem(Threshold));
        Assert.Throws<DomainException>(() => application.WaiveRefund(Threshold, "Small.", "finance-1", Now));
        Assert.Null(application.RefundWaivedValue);
    }

    [Fact]
    public void Spending_above_the_approved_amount_is_noted_the_fund_pays_up_to_the_approved_amount_and_the_grant_closes()
    {
        var application = Reported(11_250m);

        Assert.Equal(Chf(1_250m), application.Overspent);
        Assert.Equal(Chf(10_000m), application.AcceptedExpenditure);
        Assert.Equal(Chf(2_000m), application.StillOwed);
        Assert.Equal("A payment cannot exceed what remains of the commitment, CHF 2,000.00.", application.PaymentProblem(2_000.01m));
        GrantApplicationBuilder.PayTranche(application, 2, Conversion.Same(Chf(2_000m), Today), "UBS-2");

        Assert.Null(application.SettlementProblem());
        Assert.Equal(Chf(1_250m), application.Overspent);
    }

    [Fact]
    public void A_terminated_grant_without_a_report_closes_on_what_finance_accepted_as_spent()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Active);
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation); // terminated
        Assert.StartsWith("There is no accepted financial report to reconcile against", application.SettlementProblem());
        Assert.Equal("Give the amount accepted as spent.", application.TerminationExpenditureProblem(null));
        Assert.Equal("TerminationExpenditureNote",
            Assert.Throws<DomainException>(() => application.RecordTerminationExpenditure(5_000m, "")).Field);

        application.RecordTerminationExpenditure(5_000m, "Receipts for the first mission only.");

        Assert.Equal(Chf(3_000m), application.RefundDue);
        application.RecordRefund(Conversion.Same(Chf(3_000m), Today), Today, "UBS-RF-T", "finance-1", Now);
        Assert.Null(application.SettlementProblem());
    }

    [Fact]
    public void A_grant_with_a_final_report_is_not_given_a_termination_figure_and_an_open_payment_keeps_it_open()
    {
        var application = Reported(9_000m);
        Assert.Equal("The grantee's final report gives the expenditure: it is reconciled against that report.",
            application.TerminationExpenditureProblem(1m));

        var request = application.RequestDisbursement(2, Chf(1_000m), "finance-1", Now);
        Assert.Equal("A payment to the grantee awaits approval or payment: pay it or cancel it first.", application.SettlementProblem());
        application.ApproveDisbursement(request.Id, "finance-2", Now);
        application.PayDisbursement(request.Id, Conversion.Same(Chf(1_000m), Today), Today, "UBS-2", "finance-1", Now);
        Assert.Null(application.SettlementProblem());
    }

    [Fact]
    public void Once_a_refund_is_waived_the_termination_figure_it_rests_on_no_longer_changes()
    {
        var application = Terminated();
        application.RecordTerminationExpenditure(7_950m, "Receipts for both missions.");
        application.WaiveRefund(Threshold, "Below the cost of recovery.", "finance-1", Now);

        // Lowering the figure after the waiver would make a second refund due, waived again: the threshold would be evaded.
        Assert.Equal("A refund was already waived on the figure recorded: the figure can no longer change.",
            application.TerminationExpenditureProblem(7_900m));
        Assert.Throws<DomainException>(() => application.RecordTerminationExpenditure(7_900m, "Fewer receipts after all."));
        Assert.Equal((Chf(50m), Chf(7_950m)), (application.RefundWaived, application.SpendingReported!.Value));
    }

    [Fact]
    public void A_grant_terminated_while_its_final_report_awaits_review_is_reconciled_on_the_figure_finance_accepts()
    {
        var application = _given.Signed(10_000m, 8_000m, GrantStages.Reporting);
        application.SubmitFinalReport("final.pdf", "application/pdf", "%PDF-1.7"u8.ToArray(), 9_900m, "applicant-1", Now);
        GrantApplicationBuilder.MoveTo(application, GrantStages.FinalReconciliation); // terminated before the ISU reviewed it

        Assert.Null(application.ReportedExpenditure);
        Assert.StartsWith("There is no accepted financial report to reconcile against", application.SettlementProblem());
        Assert.Null(application.TerminationExpenditureProblem(6_000m));
        application.RecordTerminationExpenditure(6_000m, "Receipts checked by the ISU.");

        Assert.Equal(Chf(2_000m), application.RefundDue);
    }

    [Fact]
    public void A_refund_is_capped_at_the_refund_due_and_none_is_taken_once_a_waiver_balances_the_grant()
    {
        var application = Reported(7_920m);

        Assert.Equal("The refund due from the grantee is CHF 80.00; a refund cannot exceed it.", application.RefundProblem(80.01m));
        Assert.Null(application.RefundProblem(80m));
        application.WaiveRefund(Threshold, "Below the cost of recovery.", "finance-1", Now);

        Assert.Equal("No refund is due from the grantee: its accepted spending and what it received (less any waiver) balance.",
            application.RefundProblem(50m));
    }

    [Fact]
    public void When_the_fund_still_owes_the_grantee_a_refund_is_refused_saying_so()
    {
        var application = Reported(9_500m); // CHF 8,000 paid: CHF 1,500 still owed to the grantee

        Assert.Equal("No refund is due from the grantee: the fund still owes it CHF 1,500.00, to be paid as a tranche.", application.RefundProblem(10m));
    }
}
