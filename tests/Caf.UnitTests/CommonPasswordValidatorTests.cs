using Caf.Data.Entities;
using Caf.Web.Features.Account;

namespace Caf.UnitTests;

public sealed class CommonPasswordValidatorTests
{
    private static readonly CafUser User = new() { Email = "sokha.chan@cmaa.gov.kh", UserName = "sokha.chan@cmaa.gov.kh" };

    [Theory]
    [InlineData("Password2026!")]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd-2026")]
    [InlineData("Qwertyuiop12")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("Motdepasse2026")]
    [InlineData("Contraseña2026")]
    [InlineData("Welcome-2026!")]
    [InlineData("sokha.chan2026")]
    [InlineData("zyxwvutsrq99")]
    public async Task Long_but_guessable_passwords_are_refused(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, password);

        Assert.False(result.Succeeded, $"'{password}' should be refused.");
        Assert.Contains("too common or too easy to guess", Assert.Single(result.Errors).Description);
    }

    [Theory]
    [InlineData("river lantern copper meadow")]
    [InlineData("Demo-Password-2026")]
    [InlineData("Battambang rice 4 ever")]
    [InlineData("7 green kites over Pailin")]
    public async Task Passphrases_pass(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task A_passphrase_of_up_to_256_characters_passes_and_a_longer_one_is_refused()
    {
        var words = string.Join(' ', Enumerable.Repeat("river lantern copper meadow", 20));
        var validator = new CommonPasswordValidator();

        Assert.True((await validator.ValidateAsync(null!, User, words[..CommonPasswordValidator.MaxLength])).Succeeded);
        var refused = await validator.ValidateAsync(null!, User, words[..(CommonPasswordValidator.MaxLength + 1)]);
        Assert.Equal("PasswordTooLong", Assert.Single(refused.Errors).Code);
    }
}
