using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Api;
using Caf.Web.Features.Shared;

namespace Caf.UnitTests;

public sealed class AccountRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_person_may_choose_english_french_or_spanish_and_nothing_else()
    {
        var person = new CafUser();
        person.ChooseLanguage("fr");
        Assert.Equal("fr", person.Language);
        foreach (var code in new[] { "de", "", null, "FR" })
        {
            var refused = Assert.Throws<DomainException>(() => person.ChooseLanguage(code));
            Assert.Equal(("Language", "Choose English, French or Spanish."), (refused.Field, refused.Message));
        }
        Assert.Equal("fr", person.Language);
        Assert.Equal(["en", "fr", "es"], CafUser.Languages.Select(l => l.Code));
    }

    [Fact]
    public void An_invitation_needs_an_email_address_and_a_name_on_one_line()
    {
        Assert.Equal([("Email", "Give the person's email address."), ("DisplayName", "Give the person's name as it should appear to others.")],
            new InvitationRequest(" ", null).Problems());
        Assert.Empty(new InvitationRequest(" new.person@example.org ", " New Person ").Problems());
        Assert.Equal([("DisplayName", "Write the name on one line.")],
            new InvitationRequest("new.person@example.org", "New Person\r\nBcc: someone@example.org").Problems());
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("@example.org")]
    [InlineData("name@")]
    [InlineData("a@b@example.org")]
    public void An_invitation_to_something_that_is_not_an_email_address_is_refused(string email) =>
        Assert.Equal([("Email", "Give an email address such as name@example.org.")], new InvitationRequest(email, "New Person").Problems());

    [Fact]
    public void An_invitation_takes_an_email_address_of_256_characters_and_a_name_of_200_one_more_is_refused()
    {
        var email = new string('a', 256 - "@example.org".Length) + "@example.org";
        Assert.Empty(new InvitationRequest(email, new string('n', 200)).Problems());
        Assert.Equal([("Email", "Keep the email address under 256 characters."), ("DisplayName", "Keep the name under 200 characters.")],
            new InvitationRequest("a" + email, new string('n', 201)).Problems());
    }

    [Fact]
    public void An_invitation_is_accepted_once_with_its_token_before_it_expires()
    {
        var invitation = new Invitation("user-1", "p@example.org", CafRoles.Applicant, null, "isu-1", Now, out var token);
        Assert.Equal("This invitation link is not valid. Please use the link exactly as it was sent to you.",
            Assert.Throws<DomainException>(() => invitation.Accept("wrong", Now)).Message);
        Assert.StartsWith("This invitation expired on",
            Assert.Throws<DomainException>(() => invitation.Accept(token, Now + Invitation.Lifetime)).Message, StringComparison.Ordinal);
        invitation.Accept(token, Now.AddHours(1));
        Assert.Equal(Now.AddHours(1), invitation.AcceptedAtUtc);
        Assert.StartsWith("This invitation has already been used.",
            Assert.Throws<DomainException>(() => invitation.Accept(token, Now.AddHours(2))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_client_registration_lists_every_problem_at_once()
    {
        Assert.Equal(["ClientId", "DisplayName", "Scopes"], new ApiClientRegistration("Not Valid!", " ", []).Problems().Select(p => p.Field));
        Assert.Contains(("Scopes", "Choose at least one kind of access."), new ApiClientRegistration("treasury", "Treasury", []).Problems());
        Assert.Empty(new ApiClientRegistration("treasury", "Treasury", [ApiScopes.LedgerRead]).Problems());
    }

    [Fact]
    public void An_api_client_name_of_200_characters_and_an_address_of_2000_are_kept_one_more_is_refused()
    {
        var address = "https://example.org/" + new string('a', 2000 - "https://example.org/".Length);
        Assert.Empty(new ApiClientRegistration("treasury", new string('n', 200), [ApiScopes.LedgerRead], address).Problems());
        Assert.Equal([("DisplayName", "Keep the name to 200 characters."), ("RedirectUri", "Keep the address to 2,000 characters.")],
            new ApiClientRegistration("treasury", new string('n', 201), [ApiScopes.LedgerRead], address + "a").Problems());
    }

    [Fact]
    public void An_api_client_that_creates_drafts_needs_a_redirect_address() =>
        Assert.Equal([("RedirectUri", "Creating drafts is done for a signed-in applicant: give the program's redirect address.")],
            new ApiClientRegistration("drafts", "Drafts", [ApiScopes.ApplicationsWrite]).Problems());
}
