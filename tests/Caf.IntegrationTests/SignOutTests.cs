using System.Net;
using System.Text.RegularExpressions;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>Signing out from the menu ends the session, from every page.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed partial class SignOutTests(SqliteAppFactory factory)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Tasks")]
    [InlineData("/Account/Preferences")]
    public async Task The_menus_sign_out_form_ends_the_session(string page)
    {
        await factory.ResetAsync();
        using var session = await new GrantJourney(factory).SignInAsync(GrantJourney.Applicant);
        var (_, html) = await session.GetAsync(page);
        var form = SignOutForm().Match(html);
        Assert.True(form.Success, $"No sign-out form on {page}");
        var token = Token().Match(form.Value);
        Assert.True(token.Success, $"The sign-out form on {page} carries no antiforgery token.");

        var signOut = await session.Client.PostAsync("/Account/Logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await session.Client.GetAsync("/Tasks");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [GeneratedRegex("<form[^>]*class=\"signout\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>The same in a real browser: the button in the menu, then a protected page asks to sign in.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class BrowserSignOutTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task Signing_out_in_the_browser_makes_a_protected_page_ask_to_sign_in()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        var page = await factory.SignInAsync(GrantJourney.Applicant);
        await page.GotoAsync("/Tasks");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/Tasks");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl="));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
