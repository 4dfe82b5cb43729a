using System.Net;
using System.Text.RegularExpressions;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>No open sign-up: invitations by email, with a link that works once and expires.</summary>
public sealed partial class InvitationTests
{
    [Fact]
    public async Task An_invited_applicant_sets_a_password_through_the_emailed_link_which_then_cannot_be_reused()
    {
        await using var app = await StartAsync();
        var link = await InviteAsync(app, "focal.point@cnd.sn", "Applicant", "SEN");

        using var invitee = app.NewSession();
        var (status, page) = await invitee.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("focal.point@cnd.sn", page);
        var weak = await invitee.PostFormAsync(link, new() { ["Password"] = "Password2026!", ["ConfirmPassword"] = "Password2026!" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("too common or too easy to guess", await weak.Content.ReadAsStringAsync());

        var set = await invitee.PostFormAsync(link, new() { ["Password"] = "baobab river lantern", ["ConfirmPassword"] = "baobab river lantern" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var signIn = await app.NewSession().PostFormAsync("/Account/Login", new() { ["Email"] = "focal.point@cnd.sn", ["Password"] = "baobab river lantern" });
        Assert.Equal("/Dashboard", signIn.Headers.Location?.OriginalString);

        var (again, reused) = await app.NewSession().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Contains("already been used", reused);
        var actions = await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync());
        Assert.Contains("invitation.sent", actions);
        Assert.Contains("invitation.accepted", actions);
    }

    [Fact]
    public async Task An_invitation_in_French_is_written_in_French_and_the_person_is_written_to_in_French_from_then_on()
    {
        await using var app = await StartAsync();
        var states = await new GrantJourney(app).StateIdsAsync();
        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);
        var invited = DateTime.UtcNow;
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "point.focal@cnd.sn", ["Input.DisplayName"] = "Awa Diop", ["Input.Role"] = "Applicant",
            ["Input.StatePartyId"] = states["SEN"].ToString(), ["Input.Language"] = "de",
        };
        var refused = await isu.PostFormAsync("/Admin/Invite", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Choose English, French or Spanish.", await refused.Content.ReadAsStringAsync());
        fields["Input.Language"] = "fr";
        Assert.Equal(HttpStatusCode.Redirect, (await isu.PostFormAsync("/Admin/Invite", fields)).StatusCode);

        var message = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == "point.focal@cnd.sn"));
        Assert.Equal("Votre invitation à CafGrants", message.Subject);
        Assert.Contains("Bonjour Awa Diop,", message.Body);
        Assert.Contains("point focal d'un État partie (demandeur)", message.Body);
        Assert.Contains("lang=\"fr\"", message.HtmlBody);
        var (text, link) = await Mailbox.LinkAsync(app, "point.focal@cnd.sn", LinkPattern(), invited);
        Assert.Contains("Content-Type: text/html", text);
        Assert.Equal("fr", await app.WithDbAsync(db => db.Users.Where(u => u.Email == "point.focal@cnd.sn").Select(u => u.Language).SingleAsync()));
        Assert.Contains($"<a href=\"{link}\">", message.HtmlBody);
    }

    [Fact]
    public async Task An_invitation_link_expires_after_seven_days_and_a_tampered_token_is_refused()
    {
        await using var app = await StartAsync();
        var link = await InviteAsync(app, "new.member@mofa.pe", "CommitteeMember", "PER");

        var (tamperedStatus, tampered) = await app.NewSession().GetAsync(link[..^3] + "abc");
        Assert.Equal(HttpStatusCode.BadRequest, tamperedStatus);
        Assert.Contains("not valid", tampered);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var (status, expired) = await app.NewSession().GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("This invitation expired on", expired);
        var post = await app.NewSession().PostFormAsync(link, new() { ["Password"] = "baobab river lantern", ["ConfirmPassword"] = "baobab river lantern" });
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "new.member@mofa.pe"));
        Assert.Null(user.PasswordHash);
    }

    [Fact]
    public async Task A_password_is_reset_through_an_emailed_link_that_works_once()
    {
        await using var app = await StartAsync();
        using var anonymous = app.NewSession();
        var asked = DateTime.UtcNow;
        var unknown = await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = "nobody@example.org" });
        var known = await anonymous.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = GrantJourney.OtherApplicant });
        Assert.Equal(Strip(await unknown.Content.ReadAsStringAsync()), Strip(await known.Content.ReadAsStringAsync()));

        var link = await MailedLinkAsync(app, GrantJourney.OtherApplicant, ResetPattern(), asked);
        var form = new Dictionary<string, string> { ["Password"] = "andes condor quinoa", ["ConfirmPassword"] = "andes condor quinoa" };
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        form["UserId"] = query["userId"]!;
        form["Token"] = query["token"]!;
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewSession().PostFormAsync("/Account/ResetPassword", form)).StatusCode);
        var signIn = await app.NewSession().PostFormAsync("/Account/Login", new() { ["Email"] = GrantJourney.OtherApplicant, ["Password"] = "andes condor quinoa" });
        Assert.Equal("/Dashboard", signIn.Headers.Location?.OriginalString);

        form["Password"] = form["ConfirmPassword"] = "second try with same link";
        var reused = await app.NewSession().PostFormAsync("/Account/ResetPassword", form);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("expired or was already used", await reused.Content.ReadAsStringAsync());
    }

    // The answer page without the anti-forgery token and cookies that differ per request.
    private static string Strip(string html) => Regex.Replace(html, "value=\"[^\"]*\"", "");

    [Fact]
    public async Task Invitations_say_what_is_missing_and_an_isu_officer_cannot_invite_an_administrator()
    {
        await using var app = await StartAsync();
        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);

        var noState = await isu.PostFormAsync("/Admin/Invite", new()
            { ["Input.Email"] = "member@example.org", ["Input.DisplayName"] = "M", ["Input.Role"] = "CommitteeMember", ["Input.StatePartyId"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.Contains("belongs to a state: choose it", await noState.Content.ReadAsStringAsync());

        var admin = await isu.PostFormAsync("/Admin/Invite", new()
            { ["Input.Email"] = "root@example.org", ["Input.DisplayName"] = "R", ["Input.Role"] = "Admin" });
        Assert.Equal(HttpStatusCode.BadRequest, admin.StatusCode);
        Assert.Contains("Only an administrator can invite an administrator", await admin.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task With_the_mail_server_down_the_invitation_is_kept_in_the_outbox_to_send_later()
    {
        var closedPort = System.Net.Sockets.TcpListener.Create(0);
        closedPort.Start();
        var port = ((IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        await using var app = new SqliteAppFactory
        {
            Settings = new() { ["Email:SmtpHost"] = "127.0.0.1", ["Email:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Email:Security"] = "None" },
        };
        await app.InitializeAsync();
        await app.ResetAsync();
        var states = await new GrantJourney(app).StateIdsAsync();
        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);

        var sent = await isu.PostFormAsync("/Admin/Invite", new()
            { ["Input.Email"] = "later@cnd.sn", ["Input.DisplayName"] = "Later", ["Input.Role"] = "Applicant", ["Input.StatePartyId"] = states["SEN"].ToString() });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var queued = await app.WithDbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal("later@cnd.sn", queued.To);
        Assert.Null(queued.SentAtUtc);
        Assert.Equal(1, queued.Attempts);
        Assert.False(string.IsNullOrEmpty(queued.LastError));
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.CountAsync()));
    }

    private static async Task<SqliteAppFactory> StartAsync()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CAF_TEST_SMTP_HOST")))
            Assert.Fail("CI must deliver mail through the real SMTP server that eng/test.sh starts (CAF_TEST_SMTP_HOST).");
        var app = new SqliteAppFactory();
        await app.InitializeAsync();
        await app.ResetAsync();
        return app;
    }

    /// <summary>Invites as the ISU through the page, then reads the link from the email that arrived.</summary>
    private static async Task<string> InviteAsync(SqliteAppFactory app, string email, string role, string stateIso)
    {
        var states = await new GrantJourney(app).StateIdsAsync();
        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);
        var invited = DateTime.UtcNow;
        var sent = await isu.PostFormAsync("/Admin/Invite", new()
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "Invited person", ["Input.Role"] = role, ["Input.StatePartyId"] = states[stateIso].ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return await MailedLinkAsync(app, email, LinkPattern(), invited);
    }

    private static async Task<string> MailedLinkAsync(SqliteAppFactory app, string email, Regex pattern, DateTime sinceUtc) =>
        (await Mailbox.LinkAsync(app, email, pattern, sinceUtc)).Link.PathAndQuery;

    [GeneratedRegex(@"https?://[^\s]+/Account/ResetPassword\?userId=[^&\s]+&token=[^\s]+")]
    internal static partial Regex ResetPattern();

    [GeneratedRegex(@"https?://[^\s]+/Account/AcceptInvitation/[0-9a-f-]{36}\?token=[A-Za-z0-9_%-]+")]
    internal static partial Regex LinkPattern();
}
