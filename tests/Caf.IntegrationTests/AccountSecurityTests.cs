using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// The account pages as an attacker uses them: a forged Host header, guessing which addresses have accounts, a
/// reset link cut short.
/// </summary>
public sealed partial class AccountSecurityTests
{
    private const string PublicBaseUrl = "https://grants.test.example";

    [Fact]
    public async Task A_reset_link_uses_the_configured_public_address_even_when_the_request_forges_its_host()
    {
        // AllowedHosts opened on purpose: this test checks the link itself, not the host filter in front of it.
        await using var app = await StartAsync(new() { ["App:PublicBaseUrl"] = PublicBaseUrl, ["AllowedHosts"] = "*" });
        var email = await CreateUserAsync(app);
        using var attacker = new CafSession(app.CreateClient(new WebApplicationFactoryClientOptions
            { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false, HandleCookies = true }));

        var askedAt = DateTime.UtcNow;
        var asked = await attacker.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = email });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var (mail, link) = await Mailbox.LinkAsync(app, email, InvitationTests.ResetPattern(), askedAt);
        Assert.StartsWith($"{PublicBaseUrl}/Account/ResetPassword?userId=", link.OriginalString);
        Assert.DoesNotContain("evil.example", mail);
    }

    [Fact]
    public async Task With_the_default_allowed_hosts_a_forged_host_is_refused()
    {
        await using var app = await StartAsync([]);
        using var attacker = new CafSession(app.CreateClient(new WebApplicationFactoryClientOptions
            { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false }));

        Assert.Equal(HttpStatusCode.BadRequest, (await attacker.Client.GetAsync("/Account/ForgotPassword")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.NewSession().Client.GetAsync("/Account/ForgotPassword")).StatusCode);
    }

    [Fact]
    public async Task After_five_wrong_passwords_an_existing_and_an_unknown_address_get_the_same_answer()
    {
        await using var app = await StartAsync([]);
        var existing = await CreateUserAsync(app);
        var answers = new List<string>();
        foreach (var email in new[] { existing, "nobody-at-all@example.org" })
        {
            using var session = app.NewSession();
            for (var i = 1; i <= 5; i++)
                await session.PostFormAsync("/Account/Login", new() { ["Email"] = email, ["Password"] = $"not the password {i}" });
            var sixth = await session.PostFormAsync("/Account/Login", new() { ["Email"] = email, ["Password"] = DemoSeeder.DemoPassword });
            Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
            answers.Add(ErrorSummary().Match(await sixth.Content.ReadAsStringAsync()).Value);
        }

        Assert.NotEqual("", answers[0]);
        Assert.Equal(answers[0], answers[1]);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == existing));
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow, "The existing account is still locked, only the answer says nothing about it.");
    }

    [Fact]
    public async Task Forgot_password_writes_the_email_to_the_outbox_and_does_not_wait_for_the_mail_server()
    {
        // A mail server that accepts the connection and never answers: sending inline would hold the answer for its timeout.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await using var app = await StartAsync(new() { ["Email:SmtpHost"] = "127.0.0.1", ["Email:SmtpPort"] = port, ["Email:Security"] = "None" });
            var existing = await CreateUserAsync(app);
            using var anonymous = app.NewSession();

            var unknown = await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = "nobody-at-all@example.org" });
            var known = await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = existing });

            Assert.Equal(WithoutTokens(await unknown.Content.ReadAsStringAsync()), WithoutTokens(await known.Content.ReadAsStringAsync()));
            var queued = await app.WithDbAsync(db => db.Outbox.SingleAsync());
            Assert.Equal(existing, queued.To);
            Assert.Equal(0, queued.Attempts);
            Assert.Null(queued.SentAtUtc);
            var audited = await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync());
            Assert.Contains("password.reset-requested", audited);
            Assert.Contains("password.reset-requested-unknown", audited);
        }
        finally
        {
            silent.Stop();
        }
    }

    [Theory]
    [InlineData("/Account/ResetPassword")]
    [InlineData("/Account/ResetPassword?userId=abc")]
    public async Task A_reset_link_cut_short_says_so_plainly_and_offers_a_new_one(string url)
    {
        await using var app = await StartAsync([]);
        using var anonymous = app.NewSession();

        var (status, html) = await anonymous.GetAsync(url);
        var posted = await anonymous.PostFormAsync(url, new() { ["Password"] = "a long enough passphrase", ["ConfirmPassword"] = "a long enough passphrase" });
        var postedHtml = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, status);
        foreach (var page in new[] { html, postedHtml })
        {
            Assert.Contains("This reset link is incomplete or has expired; ask for a new one.", page);
            Assert.Contains("href=\"/Account/ForgotPassword\"", page);
            Assert.DoesNotContain("field is required", page);
        }
    }

    private static string WithoutTokens(string html) => Regex.Replace(html, "value=\"[^\"]*\"", "");

    private static async Task<SqliteAppFactory> StartAsync(Dictionary<string, string> settings)
    {
        var app = new SqliteAppFactory { Settings = settings };
        await app.InitializeAsync();
        await app.ResetAsync();
        return app;
    }

    /// <summary>A person of our own, so that mail left in a shared Maildir by other tests is never mistaken for theirs.</summary>
    private static async Task<string> CreateUserAsync(SqliteAppFactory app)
    {
        var email = $"person-{Guid.NewGuid():N}@example.org";
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
        Assert.True((await users.CreateAsync(new CafUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Person" },
            DemoSeeder.DemoPassword)).Succeeded);
        return email;
    }

    [GeneratedRegex("<div class=\"error-summary[^\"]*\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();
}
