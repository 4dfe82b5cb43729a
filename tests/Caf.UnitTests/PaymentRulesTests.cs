using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>What finance types for the agreement, its tranches and a refund: every broken rule at once, each with its field.</summary>
public sealed class PaymentRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly Money Approved = new(10_000m, "CHF");
    private readonly GrantApplicationBuilder _given = new();

    private static BankPayment Payment(decimal? amount = 8_000m, DateOnly? valueDate = null, string? reference = "UBS-TR1-7781") =>
        new(amount, valueDate ?? Today, reference);

    private static List<(string Field, string Message)> Problems(DateOnly? signedOn, params TranchePlan[] plan) =>
        GrantApplication.AgreementProblems(signedOn, plan, Approved, Today).ToList();

    private static readonly TranchePlan[] EightyTwenty =
        [new(8_000m, TrancheCondition.OnSignature), new(2_000m, TrancheCondition.AfterFinalReports)];

    [Fact]
    public void The_default_schedule_is_80_on_signature_and_the_rest_after_the_final_reports_to_the_cent()
    {
        Assert.Equal(EightyTwenty, TrancheSchedule.Default(Approved));
        Assert.Equal([new TranchePlan(800.01m, TrancheCondition.OnSignature), new TranchePlan(200.00m, TrancheCondition.AfterFinalReports)],
            TrancheSchedule.Default(new Money(1_000.01m, "CHF")));
    }

    [Fact]
    public void A_complete_agreement_whose_tranches_add_up_breaks_no_rule()
    {
        Assert.Empty(Problems(Today, EightyTwenty));
        Assert.Empty(Problems(Today, new(4_000m, TrancheCondition.OnSignature), new(4_000m, TrancheCondition.DuringActivities),
            new(2_000m, TrancheCondition.AfterFinalReports)));
    }

    [Fact]
    public void An_empty_form_is_told_every_missing_field_at_once() =>
        Assert.Equal([("SignedOn", "Give the date the agreement was signed."), ("Tranches", "Give at least one tranche.")],
            Problems(null, new TranchePlan(null, null)));

    [Fact]
    public void An_agreement_signed_today_is_allowed_tomorrow_is_not_nor_before_2000()
    {
        Assert.Equal(["SignedOn"], Problems(Today.AddDays(1), EightyTwenty).Select(p => p.Field));
        Assert.Equal(["SignedOn"], Problems(new DateOnly(1999, 12, 31), EightyTwenty).Select(p => p.Field));
    }

    [Fact]
    public void An_agreement_cannot_have_been_signed_before_the_committee_approved_the_grant()
    {
        var decided = Today.AddDays(-5);
        Assert.Equal([("SignedOn", "The agreement cannot have been signed before the committee approved the grant on 5 March 2026: give the date on the signed copy.")],
            GrantApplication.AgreementProblems(decided.AddDays(-1), EightyTwenty, Approved, Today, decided).ToList());
        Assert.Empty(GrantApplication.AgreementProblems(decided, EightyTwenty, Approved, Today, decided));
    }

    [Fact]
    public void The_first_tranche_is_paid_on_signature_since_paying_it_starts_the_activities() =>
        Assert.Equal([("Tranches[0].Condition", "The first tranche is paid on signature: paying it starts the grant's activities. Make the first tranche \"On signature\".")],
            Problems(Today, new(8_000m, TrancheCondition.DuringActivities), new(2_000m, TrancheCondition.AfterFinalReports)));

    [Fact]
    public void A_payment_is_not_value_dated_before_the_agreement_nor_a_refund_before_the_commitment()
    {
        var application = _given.Approved(10_000m, committed: true);
        GrantApplicationBuilder.Agree(application, EightyTwenty);
        var request = application.RequestDisbursement(1, new Money(8_000m, "CHF"), "finance-1", GrantApplicationBuilder.Now);
        application.ApproveDisbursement(request.Id, "finance-2", GrantApplicationBuilder.Now);
        var yesterday = Today.AddDays(-1);

        var early = Assert.Throws<DomainException>(() => application.PayDisbursement(request.Id,
            Conversion.Same(new Money(8_000m, "CHF"), yesterday), yesterday, "UBS-1", "finance-1", GrantApplicationBuilder.Now));
        Assert.Equal(("ValueDate", "The value date 9 March 2026 is before the agreement was signed on 10 March 2026: give the date the bank made the payment."),
            (early.Field, early.Message));

        var paid = _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation, committed: true);
        Assert.Equal("The value date 9 March 2026 is before the fund committed this grant on 10 March 2026: give the date the bank made the movement.",
            Assert.Throws<DomainException>(() => paid.RecordRefund(Conversion.Same(new Money(10m, "CHF"), yesterday), yesterday, "UBS-R", "finance-1",
                GrantApplicationBuilder.Now)).Message);
    }

    [Fact]
    public void Tranches_that_do_not_add_up_to_the_approved_amount_are_refused_with_both_figures() =>
        Assert.Equal([("Tranches", "The tranches add up to CHF 9,999.99; they must add up to the approved CHF 10,000.00.")],
            Problems(Today, new(8_000m, TrancheCondition.OnSignature), new(1_999.99m, TrancheCondition.AfterFinalReports)));

    [Fact]
    public void Each_tranche_row_names_its_own_problem()
    {
        Assert.Equal(
        [
            ("Tranches[0].Amount", "Tranche 1 must be more than zero."),
            ("Tranches[1].Condition", "Say when tranche 2 is paid."),
            ("Tranches[2].Amount", "Amounts are recorded to the cent (two decimals)."),
        ], Problems(Today, new(0m, TrancheCondition.OnSignature), new(5_000m, null), new(5_000.001m, TrancheCondition.AfterFinalReports)));
    }

    [Fact]
    public void Amounts_too_large_to_add_up_are_refused_each_not_summed() =>
        Assert.Equal(["Tranches[0].Amount", "Tranches[1].Amount"],
            Problems(Today, new(40_000_000_000_000_000_000_000_000_000m, TrancheCondition.OnSignature),
                new(40_000_000_000_000_000_000_000_000_000m, TrancheCondition.AfterFinalReports)).Select(p => p.Field));

    [Fact]
    public void At_most_six_tranches() =>
        Assert.Contains(("Tranches", "An agreement has at most 6 tranches."),
            Problems(Today, Enumerable.Repeat(new TranchePlan(1_000m, TrancheCondition.DuringActivities), 7).ToArray()));

    [Fact]
    public void A_bank_reference_of_100_characters_is_kept_101_is_refused()
    {
        Assert.Empty(Payment(reference: new string('r', 100)).Problems());
        Assert.Equal([("BankReference", "Keep the bank reference under 100 characters.")], Payment(reference: new string('r', 101)).Problems().ToList());
    }

    [Fact]
    public void A_value_date_outside_the_sensible_range_is_refused() =>
        Assert.Equal(["ValueDate"], Payment(valueDate: new DateOnly(2101, 1, 1)).Problems().Select(p => p.Field).ToList());

    [Theory]
    [InlineData(8_000, null)]
    [InlineData(8_000.01, "A refund cannot exceed what was paid net, CHF 8,000.00.")]
    [InlineData(0, "The amount must be more than zero.")]
    public void A_refund_is_capped_by_what_was_paid_net(decimal amount, string? message)
    {
        var problems = Payment(amount).Problems("CHF", _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation).RefundProblem).ToList();
        if (message is null) Assert.Empty(problems);
        else Assert.Equal([("Amount", message)], problems);
    }
}
