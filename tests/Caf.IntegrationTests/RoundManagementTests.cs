using System.Globalization;
using System.Net;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The ISU drafts, opens and closes rounds through its pages; bad input is refused field by field and writes nothing.</summary>
public abstract class RoundManagementTests(CafAppFactory factory)
{
    private const string Isu = "isu@caf.demo";

    private static Dictionary<string, string> Fields(string title, DateTime opensGeneva, DateTime closesGeneva) => new()
    {
        ["Form.Title"] = title,
        ["Form.Description"] = "Peer exchanges on victim assistance between States Parties.",
        ["Form.OpensAt"] = opensGeneva.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        ["Form.ClosesAt"] = closesGeneva.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        ["Form.Currency"] = "CHF",
        ["Form.Envelope"] = "250000",
        ["Form.Ceiling"] = "40000.50",
        ["Form.MaxDurationDays"] = "60",
        ["Form.ImplementationStart"] = "2027-09-01",
        ["Form.ImplementationEnd"] = "2028-08-31",
        ["Form.AllowedCurrencies"] = "CHF",
        ["Form.GenderChecklistVersion"] = "1",
        ["Form.RubricVersion"] = "1",
    };

    private DateTime GenevaNow => TimeZoneInfo.ConvertTimeFromUtc(factory.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));

    private async Task<CafSession> SignInAsync(string email)
    {
        var session = factory.NewSession();
        await session.SignInAsync(email);
        return session;
    }

    private static Guid IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Rounds/Edit/", location);
        return Guid.Parse(location["/Rounds/Edit/".Length..]);
    }

    private Task<FundingRound?> RoundAsync(Guid id) => factory.WithDbAsync(db => db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id));

    [Fact]
    public async Task Isu_drafts_a_round_opens_it_for_the_public_and_closes_it()
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        using var anonymous = factory.NewSession();
        var fields = Fields("Victim assistance peer exchange", GenevaNow.AddDays(-1), GenevaNow.AddDays(40));
        // The round names a rubric version published after the default one.
        await factory.WithDbAsync(db =>
        {
            db.ScoringRubrics.Add(new ScoringRubric(2, Caf.Data.Committee.ScoringRubrics.Version1, "isu", factory.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        fields["Form.RubricVersion"] = "2";

        var id = IdFrom(await isu.PostFormAsync("/Rounds/Edit", fields));
        var draft = await RoundAsync(id);
        Assert.Equal(RoundStatus.Draft, draft!.Status);
        Assert.Equal(new Money(250_000m, "CHF"), draft.Envelope);
        Assert.Equal(new Money(40_000.50m, "CHF"), draft.Ceiling);
        Assert.Equal(60, draft.MaxDurationDays);
        Assert.Equal(["CHF"], draft.AllowedCurrencies);
        Assert.Equal(2, draft.RubricVersion);
        Assert.Contains("Victim assistance peer exchange", (await isu.GetAsync("/Rounds/Manage")).Html);
        Assert.DoesNotContain("Victim assistance peer exchange", (await anonymous.GetAsync("/Rounds")).Html);
        Assert.DoesNotContain("Victim assistance peer exchange", await anonymous.Client.GetStringAsync("/api/v1/rounds"));

        var opened = await isu.PostFormAsync($"/Rounds/Edit/{id}", [], "Open");
        Assert.Equal(id, IdFrom(opened));
        var (_, page) = await isu.GetAsync($"/Rounds/Edit/{id}");
        Assert.Contains("The round is open", page);
        Assert.Equal(RoundStatus.Open, (await RoundAsync(id))!.Status);
        var (status, publicPage) = await anonymous.GetAsync("/Rounds");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Victim assistance peer exchange", publicPage);
        Assert.Contains("Peer exchanges on victim assistance", publicPage);
        Assert.Contains("CHF 250,000.00", publicPage);
        Assert.Contains("/js/local-time.js", publicPage);
        var api = await anonymous.Client.GetStringAsync("/api/v1/rounds");
        Assert.Contains("Victim assistance peer exchange", api);
        Assert.Contains("\"envelope\":{\"amount\":\"250000.00\",\"currency\":\"CHF\"}", api);
        Assert.Contains("\"maxDurationDays\":60", api);
        Assert.Contains("\"allowedCurrencies\":[\"CHF\"]", api);

        IdFrom(await isu.PostFormAsync($"/Rounds/Edit/{id}", [], "Close"));
        var closed = await RoundAsync(id);
        Assert.Equal(RoundStatus.Closed, closed!.Status);
        Assert.NotNull(closed.ClosedAtUtc);
        Assert.DoesNotContain("Victim assistance peer exchange", (await anonymous.GetAsync("/Rounds")).Html);
        var again = await isu.PostFormAsync($"/Rounds/Edit/{id}", [], "Open");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("A closed round cannot be opened again", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_input_gets_a_message_per_field_keeps_what_was_typed_and_writes_nothing()
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        var before = await factory.WithDbAsync(db => db.Rounds.CountAsync());
        var longTitle = new string('T', 201);
        var fields = Fields(longTitle, GenevaNow.AddDays(10), GenevaNow.AddDays(5));
        fields["Form.Description"] = new string('d', 4001);
        fields["Form.Envelope"] = "-5";
        fields["Form.Ceiling"] = "12.345";
        fields["Form.Currency"] = "XYZ";
        fields["Form.MaxDurationDays"] = "0";
        fields["Form.ImplementationStart"] = "2028-01-01";
        fields["Form.ImplementationEnd"] = "2027-12-31";

        var response = await isu.PostFormAsync("/Rounds/Edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var message in new[]
                 {
                     "Keep the title under 200 characters.", "Keep the description under 4,000 characters.",
                     "The round must close after it opens.", "XYZ is not a currency of the fund.",
                     "The envelope must be more than zero.", "The ceiling per application has at most two decimals.",
                     "The maximum duration must be at least one day.", "The implementation window must end after it starts.",
                 })
            Assert.Contains(message, html);
        Assert.Contains(longTitle, html);
        Assert.Contains("value=\"12.345\"", html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rounds.CountAsync()));

        fields = Fields("Ceiling above envelope", GenevaNow.AddDays(1), GenevaNow.AddDays(30));
        fields["Form.Ceiling"] = "300000";
        fields["Form.Currency"] = "USD";
        response = await isu.PostFormAsync("/Rounds/Edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("cannot be more than the round's envelope", html);
        Assert.Contains("The allowed currencies must include the round's own currency, USD.", html);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    [Fact]
    public async Task A_refused_edit_leaves_the_saved_round_as_it_was()
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        var fields = Fields("Stockpile destruction exchange", GenevaNow.AddDays(1), GenevaNow.AddDays(30));
        var id = IdFrom(await isu.PostFormAsync("/Rounds/Edit", fields));
        var saved = await RoundAsync(id);

        fields["Form.Title"] = "A new title";
        fields["Form.Ceiling"] = "0";
        var refused = await isu.PostFormAsync($"/Rounds/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("must be more than zero", await refused.Content.ReadAsStringAsync());
        var after = await RoundAsync(id);
        Assert.Equal(saved!.Title, after!.Title);
        Assert.Equal(saved.Ceiling, after.Ceiling);
    }

    [Fact]
    public async Task Once_open_only_the_description_and_a_later_closing_time_may_change()
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        var closes = GenevaNow.AddDays(30);
        var fields = Fields("Land release study visit", GenevaNow.AddDays(-1), closes);
        var id = IdFrom(await isu.PostFormAsync("/Rounds/Edit", fields));
        IdFrom(await isu.PostFormAsync($"/Rounds/Edit/{id}", [], "Open"));
        var before = await RoundAsync(id);

        fields["Form.Ceiling"] = "1000";
        var refused = await isu.PostFormAsync($"/Rounds/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The ceiling per application cannot", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        fields["Form.Ceiling"] = "40000.50";
        fields["Form.ClosesAt"] = closes.AddDays(-2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        refused = await isu.PostFormAsync($"/Rounds/Edit/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("extended but not brought forward", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before!.ClosesAtUtc, (await RoundAsync(id))!.ClosesAtUtc);

        fields["Form.ClosesAt"] = closes.AddDays(7).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        fields["Form.Description"] = "Extended by a week at the request of several focal points.";
        IdFrom(await isu.PostFormAsync($"/Rounds/Edit/{id}", fields));
        var after = await RoundAsync(id);
        Assert.Equal("Extended by a week at the request of several focal points.", after!.Description);
        Assert.True(after.ClosesAtUtc > before.ClosesAtUtc.AddDays(6));
        Assert.Equal(RoundStatus.Open, after.Status);
    }

    [Fact]
    public async Task Times_are_typed_in_Geneva_time_and_stored_in_utc_in_winter_and_in_summer()
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        var fields = Fields("Geneva time round", new DateTime(2027, 1, 15, 12, 0, 0), new DateTime(2027, 7, 15, 12, 0, 0));
        var id = IdFrom(await isu.PostFormAsync("/Rounds/Edit", fields));
        var round = await RoundAsync(id);
        Assert.Equal(new DateTime(2027, 1, 15, 11, 0, 0, DateTimeKind.Utc), round!.OpensAtUtc);
        Assert.Equal(new DateTime(2027, 7, 15, 10, 0, 0, DateTimeKind.Utc), round.ClosesAtUtc);

        var (_, page) = await isu.GetAsync($"/Rounds/Edit/{id}");
        Assert.Contains("value=\"2027-01-15T12:00\"", page);
        Assert.Contains("<time datetime=\"2027-07-15T10:00:00Z\" class=\"geneva-time\">15 July 2027, 12:00 Geneva time</time>", page);
        Assert.Contains("/js/local-time.js", page);

        // 02:30 on the last Sunday of March is skipped when the clocks go forward.
        fields = Fields("Skipped hour", new DateTime(2027, 3, 28, 2, 30, 0), new DateTime(2027, 7, 15, 12, 0, 0));
        var refused = await isu.PostFormAsync("/Rounds/Edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not exist in Geneva", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("applicant@caf.demo")]
    [InlineData("member1@caf.demo")]
    public async Task Applicants_and_committee_members_cannot_manage_rounds(string email)
    {
        await factory.ResetAsync();
        using var isu = await SignInAsync(Isu);
        var id = IdFrom(await isu.PostFormAsync("/Rounds/Edit", Fields("Not theirs", GenevaNow.AddDays(-1), GenevaNow.AddDays(30))));
        var count = await factory.WithDbAsync(db => db.Rounds.CountAsync());
        using var other = await SignInAsync(email);

        foreach (var url in new[] { "/Rounds/Manage", "/Rounds/Edit", $"/Rounds/Edit/{id}" })
            Assert.True(Refused(await other.Client.GetAsync(url)), $"GET {url} as {email}");
        Assert.True(Refused(await other.PostFormAsync($"/Rounds/Edit/{id}", [], "Open")), $"Open as {email}");
        Assert.True(Refused(await other.PostFormAsync("/Rounds/Edit", Fields("Sneaked in", GenevaNow, GenevaNow.AddDays(9)))), $"Create as {email}");
        Assert.Equal(RoundStatus.Draft, (await RoundAsync(id))!.Status);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Rounds.CountAsync()));
    }

    /// <summary>A signed-in user without the role: 403, or sent to the "not allowed" page that answers 403.</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden ||
        (response.StatusCode == HttpStatusCode.Redirect &&
         response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase));
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteRoundManagementTests(SqliteAppFactory factory) : RoundManagementTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresRoundManagementTests(PostgresAppFactory factory) : RoundManagementTests(factory);
