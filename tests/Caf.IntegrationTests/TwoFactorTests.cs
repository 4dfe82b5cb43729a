using System.Net;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Two-factor sign-in: required of every role but applicants, with authenticator codes or single-use recovery codes.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed partial class TwoFactorTests(SqliteAppFactory factory)
{
    [Fact]
    public async Task A_password_alone_does_not_sign_a_staff_member_in_and_a_wrong_code_is_refused()
    {
        await factory.ResetAsync();
        using var session = factory.NewSession();
        var step1 = await session.PostFormAsync("/Account/Login", new() { ["Email"] = "finance@caf.demo", ["Password"] = DemoSeeder.DemoPassword });
        Assert.StartsWith("/Account/LoginWith2fa", step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/Finance/Ledger")).StatusCode);
        Assert.Contains("/Account/Login?ReturnUrl=", (await session.Client.GetAsync("/Finance/Ledger")).Headers.Location!.OriginalString);

        var wrong = await session.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        Assert.Contains("signin.2fa-failed", await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));

        var right = await session.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = Totp.Code(DemoSeeder.AuthenticatorKeyFor("finance@caf.demo")) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/Finance/Ledger")).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_without_two_factor_must_set_it_up_before_anything_else()
    {
        await factory.ResetAsync();
        await CreateUserAsync("new.officer@caf.test", CafRoles.IsuOfficer);
        using var session = factory.NewSession();
        var signIn = await session.PostFormAsync("/Account/Login", new() { ["Email"] = "new.officer@caf.test", ["Password"] = DemoSeeder.DemoPassword });
        Assert.Equal("/Dashboard", signIn.Headers.Location!.OriginalString);

        foreach (var page in new[] { "/", "/Tasks", "/Finance/Ledger", "/Workflows/Diagram/caf-grant" })
            Assert.Equal("/Account/SetupAuthenticator", (await session.Client.GetAsync(page)).Headers.Location?.OriginalString);
        var (status, setup) = await session.GetAsync("/Account/SetupAuthenticator");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("two-factor sign-in is required before you continue", setup);

        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "");
        var done = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["Code"] = Totp.Code(key) });
        var page2 = await done.Content.ReadAsStringAsync();
        Assert.Contains("Your recovery codes", page2);
        var recovery = RecoveryPattern().Matches(page2).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recovery.Count);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/Tasks")).StatusCode);
        Assert.Contains("2fa.enabled", await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));

        // Next time: password, then a recovery code — each works once.
        foreach (var attempt in new[] { true, false })
        {
            using var later = factory.NewSession();
            var first = await later.PostFormAsync("/Account/Login", new() { ["Email"] = "new.officer@caf.test", ["Password"] = DemoSeeder.DemoPassword });
            Assert.StartsWith("/Account/LoginWith2fa", first.Headers.Location!.OriginalString);
            var second = await later.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = recovery[0] });
            Assert.Equal(attempt ? HttpStatusCode.Redirect : HttpStatusCode.OK, second.StatusCode);
        }
    }

    [Fact]
    public async Task A_session_checked_again_after_a_minute_keeps_its_second_factor_but_ends_when_the_account_changes()
    {
        // Own app: this test moves the clock past the security stamp's one-minute check.
        await using var app = new SqliteAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        using var finance = app.NewSession();
        await finance.SignInAsync("finance@caf.demo");
        using var isu = app.NewSession();
        await isu.SignInAsync(GrantJourney.Isu);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var ledger = await finance.Client.GetAsync("/Finance/Ledger");
        Assert.True(ledger.StatusCode == HttpStatusCode.OK,
            $"After the stamp check the finance officer was sent to {ledger.Headers.Location} instead of the ledger.");
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await finance.Client.GetAsync("/Finance/Ledger")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(GrantJourney.Isu))!);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var tasks = await isu.Client.GetAsync("/Tasks");
        Assert.Equal(HttpStatusCode.Redirect, tasks.StatusCode);
        Assert.Contains("/Account/Login?ReturnUrl=", tasks.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_applicant_may_work_without_two_factor()
    {
        await factory.ResetAsync();
        using var applicant = factory.NewSession();
        await applicant.SignInAsync(GrantJourney.Applicant);
        Assert.Equal(HttpStatusCode.OK, (await applicant.Client.GetAsync("/Applications/Edit")).StatusCode);
    }

    [Fact]
    public async Task The_set_up_page_shows_a_person_not_yet_enrolled_a_QR_code_of_the_key_made_on_the_server()
    {
        await factory.ResetAsync();
        await CreateUserAsync("qr.officer@caf.test", CafRoles.IsuOfficer);
        using var session = factory.NewSession();
        await session.PostFormAsync("/Account/Login", new() { ["Email"] = "qr.officer@caf.test", ["Password"] = DemoSeeder.DemoPassword });

        var (_, setup) = await session.GetAsync("/Account/SetupAuthenticator");

        var qr = QrPattern().Match(setup);
        Assert.True(qr.Success, "No QR code image on the set-up page.");
        var png = Convert.FromBase64String(WebUtility.HtmlDecode(qr.Groups[1].Value));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Matches(KeyPattern(), setup);
    }

    [Fact]
    public async Task Once_enrolled_the_key_is_never_shown_again_and_changing_the_app_needs_a_current_code()
    {
        await factory.ResetAsync();
        const string email = "moving.officer@caf.test";
        await CreateUserAsync(email, CafRoles.IsuOfficer);
        using var session = factory.NewSession();
        await session.PostFormAsync("/Account/Login", new() { ["Email"] = email, ["Password"] = DemoSeeder.DemoPassword });
        var oldKey = KeyPattern().Match((await session.GetAsync("/Account/SetupAuthenticator")).Html).Groups[1].Value.Replace(" ", "");
        var enabled = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["Code"] = Totp.Code(oldKey) });
        var recovery = RecoveryPattern().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();

        var (status, enrolled) = await session.GetAsync("/Account/SetupAuthenticator");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertNoKey(enrolled, oldKey);
        var reenable = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["Code"] = Totp.Code(oldKey) });
        AssertNoKey(await reenable.Content.ReadAsStringAsync(), oldKey);

        var wrong = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["CurrentCode"] = "000000" }, "Change");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        AssertNoKey(await wrong.Content.ReadAsStringAsync(), oldKey);

        var changed = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["CurrentCode"] = Totp.Code(oldKey) }, "Change");
        var changedPage = await changed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Matches(QrPattern(), changedPage);
        var newKey = KeyPattern().Match(changedPage).Groups[1].Value.Replace(" ", "");
        Assert.NotEqual("", newKey);
        Assert.NotEqual(oldKey, newKey);
        AssertNoKey((await session.GetAsync("/Account/SetupAuthenticator")).Html, newKey);

        // A recovery code proves it too, once.
        var again = await session.PostFormAsync("/Account/SetupAuthenticator", new() { ["CurrentCode"] = recovery[0] }, "Change");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var latestKey = KeyPattern().Match(await again.Content.ReadAsStringAsync()).Groups[1].Value.Replace(" ", "");
        Assert.NotEqual(newKey, latestKey);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True(await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Totp.Code(latestKey)));
            Assert.False(await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Totp.Code(oldKey)));
        }
        var actions = await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync());
        Assert.Equal(1, actions.Count(a => a == "2fa.change-refused"));
        Assert.Equal(2, actions.Count(a => a == "2fa.authenticator-changed"));
        var mails = await factory.WithDbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Subject).ToListAsync());
        Assert.Equal(2, mails.Count(m => m == "Your CafGrants authenticator was changed"));
    }

    /// <summary>Neither the key, nor its otpauth address, nor its QR code.</summary>
    private static void AssertNoKey(string html, string key)
    {
        Assert.DoesNotMatch(KeyPattern(), html);
        Assert.DoesNotContain("otpauth://", html);
        Assert.DoesNotMatch(QrPattern(), html);
        Assert.DoesNotContain(key, html, StringComparison.OrdinalIgnoreCase);
    }

    private async Task CreateUserAsync(string email, string role)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
        var user = new CafUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "New officer" };
        Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<img id=\"authenticator-qr\" src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex QrPattern();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryPattern();
}
