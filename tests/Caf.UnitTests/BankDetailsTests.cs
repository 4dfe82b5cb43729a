using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>The grantee's bank details: what is asked, how they are shown masked, and when they may change (ADR 0023).</summary>
public sealed class BankDetailsTests
{
    private readonly GrantApplicationBuilder _given = new();

    [Fact]
    public void Complete_details_break_no_rule_and_are_kept_in_capitals_without_spaces()
    {
        var details = new BankDetails(" Cambodian Mine Action Centre ", "ch93 0076 2011 6238 5295 7", "UBS", "ubswchzh80a");
        Assert.Empty(details.Problems());
        Assert.Equal(new BankDetails("Cambodian Mine Action Centre", "CH9300762011623852957", "UBS", "UBSWCHZH80A"), details.Normalized());
        Assert.Equal(details.Normalized(), BankDetails.FromJson(details.ToJson()));
    }

    [Fact]
    public void An_empty_form_is_told_every_missing_field_at_once() =>
        Assert.Equal(["AccountHolder", "Account", "BankName", "Bic"], new BankDetails(" ", null, "", null).Problems().Select(p => p.Field));

    [Theory]
    [InlineData("CH94 0076 2011 6238 5295 7", "This IBAN's check digits are wrong: check it against the grantee's bank letter.")]
    [InlineData("000-123", "Write the account with letters and digits only (spaces are fine).")]
    [InlineData("000 123 456 789", null)]
    public void An_iban_must_add_up_and_an_account_number_where_there_is_no_iban_is_kept(string account, string? message) =>
        Assert.Equal(message, new BankDetails("Holder", account, "Bank", "ACLBKHPP").Problems().Select(p => p.Message).FirstOrDefault());

    [Theory]
    [InlineData("ACLBKHPP", true)]
    [InlineData("UBSWCHZH80A", true)]
    [InlineData("ACLB", false)]
    [InlineData("12LBKHPP", false)]
    public void A_bic_has_8_or_11_characters_the_first_six_letters(string bic, bool valid) =>
        Assert.Equal(valid, !new BankDetails("Holder", "000123", "Bank", bic).Problems().Any());

    [Fact]
    public void Pages_show_the_account_masked() =>
        Assert.Equal("Cambodian Mine Action Centre, CH93 •••• 957, UBS (UBSWCHZH80A)",
            new BankDetails("Cambodian Mine Action Centre", "CH93 0076 2011 6238 5295 7", "UBS", "UBSWCHZH80A").Masked());

    [Fact]
    public void A_payment_needs_bank_details_and_they_do_not_change_while_a_payment_is_on_its_way()
    {
        var application = _given.Approved(10_000m);
        application.RecordAgreement(DateOnly.FromDateTime(GrantApplicationBuilder.Now), TrancheSchedule.Default(application.ApprovedAmount!.Value),
            DateOnly.FromDateTime(GrantApplicationBuilder.Now));
        Assert.Equal("Record the grantee's bank details first: a payment needs an account to go to.", application.DisbursementRequestProblem(1, 1m));

        application.SetBankDetails("protected-1", "masked-1", "finance-1", GrantApplicationBuilder.Now);
        application.RequestDisbursement(1, new Money(8_000m, "CHF"), "finance-1", GrantApplicationBuilder.Now);

        var ex = Assert.Throws<DomainException>(() => application.SetBankDetails("protected-2", "masked-2", "finance-1", GrantApplicationBuilder.Now));
        Assert.Equal("A payment is awaiting approval or payment: change the bank details once it is paid or cancelled.", ex.Message);
        Assert.Equal("masked-1", application.BankDetailsMasked);
    }
}
