using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>What finance types for the agreement and for the final settlement: every broken rule at once, each with its field.</summary>
public sealed class PaymentRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly GrantApplicationBuilder _given = new();

    private static BankPayment Payment(decimal? amount = 8_000m, DateOnly? valueDate = null, string? reference = "UBS-TR1-7781") =>
        new(amount, valueDate ?? Today, reference);

    private List<string> FieldsOf(AgreementSignature signature) =>
        signature.Problems(_given.Approved(10_000m), Today).Select(p => p.Field).ToList();

    [Fact]
    public void A_complete_signature_within_the_approved_amount_breaks_no_rule() =>
        Assert.Empty(FieldsOf(new AgreementSignature(Today, Payment())));

    [Fact]
    public void An_empty_form_is_told_every_missing_field_at_once()
    {
        var problems = new AgreementSignature(null, new BankPayment(null, null, " ")).Problems(_given.Approved(), Today).ToList();
        Assert.Equal(
        [
            ("SignedOn", "Give the date the agreement was signed."),
            ("Amount", "Give the amount."),
            ("ValueDate", "Give the payment's value date."),
            ("BankReference", "Give the bank's reference for the payment."),
        ], problems);
    }

    [Fact]
    public void An_agreement_signed_today_is_allowed_tomorrow_is_not()
    {
        Assert.Empty(FieldsOf(new AgreementSignature(Today, Payment())));
        Assert.Equal(["SignedOn"], FieldsOf(new AgreementSignature(Today.AddDays(1), Payment())));
    }

    [Fact]
    public void A_signing_date_before_2000_is_refused() =>
        Assert.Equal(["SignedOn"], FieldsOf(new AgreementSignature(new DateOnly(1999, 12, 31), Payment())));

    public static TheoryData<decimal, bool> FirstTranches => new()
    {
        { 0.01m, true }, { 10_000m, true }, { 0m, false }, { -1m, false }, { 10_000.01m, false },
    };

    [Theory]
    [MemberData(nameof(FirstTranches))]
    public void The_first_tranche_is_more_than_zero_and_at_most_the_approved_amount(decimal amount, bool allowed)
    {
        var problems = new AgreementSignature(Today, Payment(amount)).Problems(_given.Approved(10_000m), Today).ToList();
        if (allowed) Assert.Empty(problems);
        else Assert.Equal([("Amount", "The first tranche must be more than zero and at most the approved CHF 10,000.00.")], problems);
    }

    [Fact]
    public void A_tranche_in_fractions_of_a_cent_is_refused_before_the_code_is_asked() =>
        Assert.Equal([("Amount", "Amounts are recorded to the cent (two decimals).")],
            new AgreementSignature(Today, Payment(100.001m)).Problems(_given.Approved(), Today).ToList());

    [Fact]
    public void A_bank_reference_of_100_characters_is_kept_101_is_refused()
    {
        Assert.Empty(Payment(reference: new string('r', 100)).Problems());
        Assert.Equal([("BankReference", "Keep the bank reference under 100 characters.")], Payment(reference: new string('r', 101)).Problems().ToList());
    }

    [Fact]
    public void A_value_date_outside_the_sensible_range_is_refused() =>
        Assert.Equal(["ValueDate"], Payment(valueDate: new DateOnly(2101, 1, 1)).Problems().Select(p => p.Field).ToList());

    private GrantApplication Reconciling() => _given.Signed(10_000m, 8_000m, GrantStages.FinalReconciliation);

    public static TheoryData<LedgerEntryKind, decimal, string?> Settlements => new()
    {
        { LedgerEntryKind.Disbursement, 2_000m, null },
        { LedgerEntryKind.Disbursement, 2_000.01m, "A payment cannot exceed what remains of the commitment, CHF 2,000.00." },
        { LedgerEntryKind.Refund, 8_000m, null },
        { LedgerEntryKind.Refund, 8_000.01m, "A refund cannot exceed what was paid net, CHF 8,000.00." },
        { LedgerEntryKind.Refund, 0m, "The amount must be more than zero." },
    };

    [Theory]
    [MemberData(nameof(Settlements))]
    public void A_settlement_is_capped_by_what_remains_or_what_was_paid_net(LedgerEntryKind kind, decimal amount, string? message)
    {
        var problems = new FinalSettlement(kind, Payment(amount)).Problems(Reconciling()).ToList();
        if (message is null) Assert.Empty(problems);
        else Assert.Equal([("Amount", message)], problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(LedgerEntryKind.Commitment)]
    [InlineData(LedgerEntryKind.Contribution)]
    public void A_settlement_is_a_final_payment_or_a_refund(LedgerEntryKind? kind) =>
        Assert.Equal([("Kind", "Choose a final payment or a refund.")], new FinalSettlement(kind, Payment(100m)).Problems(Reconciling()).ToList());
}
