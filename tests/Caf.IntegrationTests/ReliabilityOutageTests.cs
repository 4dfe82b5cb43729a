using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Caf.Data.Auditing;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caf.IntegrationTests;

/// <summary>
/// Database outage (issue 16): the application runs as a process on a PostgreSQL server of the test's own, under load
/// (people reading pages, others saving drafts), and the server is stopped for a while, then started again. While it is
/// down every page that needs it and /health answer 503 quickly with the polite "try again in a minute" page and
/// Retry-After, never 500 nor a hang; once it is back the application answers again by itself; every draft whose save
/// was answered as saved is there, whole, and the audit trail verifies; the scheduler still fires. Short form 5 s down;
/// full 20 s.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class ReliabilityOutageTests
{
    private sealed record Sample(string Kind, double SentAt, double Ms, int Status, bool RetryAfter, bool Polite);

    [Fact]
    public async Task A_stopped_database_is_answered_503_quickly_and_the_application_recovers_by_itself_without_losing_writes()
    {
        var down = TimeSpan.FromSeconds(ReliabilityRun.Size(5, 20));
        await using var postgres = await PrivatePostgres.StartAsync();
        var mail = Directory.CreateTempSubdirectory("caf-outage-mail-").FullName;
        var keyPath = Path.Combine(mail, "audit-signing-key.pem");
        using (var generated = Caf.Data.Auditing.AuditSigningKey.Generate()) await File.WriteAllTextAsync(keyPath, generated.PrivateKeyPem);
        await using var app = await CafServer.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Caf"] = postgres.ConnectionString,
            ["Seed__Demo"] = "true",
            ["Seed__AllowOutsideDevelopment"] = "true",
            ["Workflows__TimerIntervalSeconds"] = "1",
            ["Security__SignInAttemptsPerMinute"] = "100000",
            ["Email__PickupFolder"] = mail,
            ["Audit__SigningKeyPath"] = keyPath,
        });
        // The test's own reads open a fresh connection each time: a pooled one would be one the stop ended.
        var direct = postgres.ConnectionString + ";Pooling=false";
        var (roundId, states) = await ReferenceDataAsync(direct);

        // Everyone signed in (and the writers holding their form's token) before the clock starts.
        var readers = new List<HttpClient>();
        for (var i = 0; i < 4; i++) readers.Add(await SignedInAsync(app.BaseAddress, GrantJourney.Applicant));
        var writers = new List<(HttpClient Http, string Email, string Token)>();
        foreach (var email in new[] { GrantJourney.Applicant, GrantJourney.OtherApplicant })
        {
            var http = await SignedInAsync(app.BaseAddress, email);
            writers.Add((http, email, await TokenAsync(http, "/Applications/Edit")));
        }
        using var monitor = Client(app.BaseAddress);

        var clock = Stopwatch.StartNew();
        var samples = new ConcurrentBag<Sample>();
        var saved = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var load = readers.Select((http, i) => Task.Run(() => ReadAsync(http, i % 2 == 0 ? "/" : "/Tasks", samples, clock, stop.Token)))
            .Concat(writers.Select(w => Task.Run(() => WriteAsync(w.Http, w.Email, w.Token, roundId, states, samples, saved, clock, stop.Token))))
            .Append(Task.Run(() => ReadAsync(monitor, "/health", samples, clock, stop.Token)))
            .ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var stopping = clock.Elapsed.TotalMilliseconds;
        await postgres.StopAsync();
        var stopped = clock.Elapsed.TotalMilliseconds;
        await Task.Delay(down);
        var starting = clock.Elapsed.TotalMilliseconds;
        await postgres.StartAgainAsync();
        var started = clock.Elapsed.TotalMilliseconds;
        var startedUtc = DateTime.UtcNow;

        // Until /health and a page answer 200 again by themselves (at most a minute), then a little more load.
        double Recovered(string kind) => samples.Where(s => s.Kind == kind && s.Status == 200 && s.SentAt >= started).Select(s => s.SentAt + s.Ms)
            .DefaultIfEmpty(double.NaN).Min();
        while (clock.Elapsed.TotalMilliseconds - started < 60_000 && (double.IsNaN(Recovered("/health")) || double.IsNaN(Recovered("/"))))
            await Task.Delay(100);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);
        foreach (var http in readers.Concat(writers.Select(w => w.Http))) http.Dispose();

        var all = samples.ToList();
        var during = all.Where(s => s.SentAt >= stopped && s.SentAt + s.Ms <= starting).ToList();
        var duringTimes = during.Select(s => s.Ms).Order().ToList();
        var serverErrors = all.Where(s => s.Status >= 500 && s.Status != 503).ToList();
        var hangs = all.Count(s => s.Status == 0);
        var healthRecovery = Recovered("/health") - started;
        var pageRecovery = Recovered("/") - started;

        // Afterwards, in the database: every save answered as saved is there, whole; the trail verifies; the scheduler fires.
        await using var db = TestDatabases.Postgres(direct);
        var ids = saved.ToList();
        var drafts = await db.Applications.AsNoTracking().Where(a => a.Title.StartsWith("Outage draft"))
            .Select(a => new { a.Id, Lines = a.BudgetLines.Count, Partners = a.Partners.Count, Letters = a.Attachments.Count })
            .ToListAsync();
        var lost = ids.Except(drafts.Select(d => d.Id)).ToList();
        var partial = drafts.Where(d => d.Lines != 1 || d.Partners != 1 || d.Letters != 1).ToList();
        using var key = Caf.Data.Auditing.AuditSigningKey.FromPem(await File.ReadAllTextAsync(keyPath));
        var verified = await AuditVerifier.VerifyAsync(db, key, null, CancellationToken.None);
        // Quartz waits its own retry interval (15 s) before reading its tables again after a failure.
        while (await SchedulerFiredAsync(direct) <= startedUtc.Ticks && DateTime.UtcNow - startedUtc < TimeSpan.FromSeconds(60))
            await Task.Delay(250);
        var firedAfter = DateTime.UtcNow - startedUtc;
        var firesAgain = await SchedulerFiredAsync(direct) > startedUtc.Ticks;

        ReliabilityRun.Report("database-outage", $"down {ReliabilityRun.Seconds(TimeSpan.FromMilliseconds(starting - stopping))} s under " +
            $"{load.Count} clients; while down {during.Count} requests: {during.Count(s => s.Status == 503)} 503 " +
            $"(p50 {ReliabilityRun.Milliseconds(ReliabilityRun.Percentile(duringTimes, 0.5))} ms, p99 {ReliabilityRun.Milliseconds(ReliabilityRun.Percentile(duringTimes, 0.99))} ms), " +
            $"{during.Count(s => s.Status == 503 && s.Kind == "/health")} /health 503; {serverErrors.Count} other 5xx, {hangs} hangs; " +
            $"recovered in {ReliabilityRun.Milliseconds(healthRecovery)} ms (/health) and {ReliabilityRun.Milliseconds(pageRecovery)} ms (pages) after the database came back; " +
            $"{ids.Count} saves answered saved, {lost.Count} lost, {partial.Count} half-written; audit trail {(verified.Ok ? "verifies" : "BROKEN")}; " +
            $"scheduler {(firesAgain ? $"fired again within {ReliabilityRun.Seconds(firedAfter)} s" : "STOPPED")}, process {(app.HasExited ? "EXITED" : "alive")}");

        Assert.True(serverErrors.Count == 0, string.Join(Environment.NewLine, serverErrors.Take(20)));
        Assert.Equal(0, hangs);
        Assert.NotEmpty(during);
        Assert.All(during.Where(s => s.Kind != "/Account/Login"), s => Assert.Equal(503, s.Status));
        Assert.Contains(during, s => s.Kind == "/health" && s.Status == 503);
        // The issue's bound on the full run; the short run's hundred-odd answers make its p99 their slowest one, which a
        // machine busy with other work can push past a second, so it is held to two.
        var bound = ReliabilityRun.Size(2_000, 1_000);
        Assert.True(ReliabilityRun.Percentile(duringTimes, 0.99) < bound, $"p99 while down: {ReliabilityRun.Percentile(duringTimes, 0.99)} ms; slowest by kind: " +
            string.Join(", ", during.GroupBy(s => s.Kind).Select(g => $"{g.Key} {ReliabilityRun.Milliseconds(g.Max(s => s.Ms))} ms")));
        Assert.All(during.Where(s => s.Status == 503 && s.Kind != "/health"), s => Assert.True(s.RetryAfter && s.Polite, $"{s.Kind}: Retry-After {s.RetryAfter}, polite page {s.Polite}"));
        Assert.False(double.IsNaN(healthRecovery), "/health never answered 200 again");
        Assert.False(double.IsNaN(pageRecovery), "the home page never answered 200 again");
        Assert.True(healthRecovery < 15_000 && pageRecovery < 15_000, $"recovery took {healthRecovery} ms (/health), {pageRecovery} ms (pages)");
        Assert.NotEmpty(ids);
        Assert.Empty(lost);
        Assert.Empty(partial);
        Assert.True(verified.Ok, verified.ToString());
        Assert.True(firesAgain, $"The scheduler fired no job in the minute after the outage:{Environment.NewLine}{app.Output}");
        Assert.False(app.HasExited, app.Output);
        Assert.DoesNotContain("Unhandled exception", app.Output, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(mail, recursive: true);
    }

    private static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress,
            // Longer than any answer may take: a request still waiting at 10 s counts as a hang.
            Timeout = TimeSpan.FromSeconds(10),
        };

    /// <summary>A person reading a page over and over (an applicant signed in), or a monitor reading /health.</summary>
    private static async Task ReadAsync(HttpClient http, string path, ConcurrentBag<Sample> samples, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            samples.Add(await SendAsync(http, path, () => new HttpRequestMessage(HttpMethod.Get, path), clock));
            await Task.Delay(path == "/health" ? 100 : 50, CancellationToken.None);
        }
    }

    /// <summary>An applicant saving new drafts with their letter, one after the other; the ids of those answered as saved.</summary>
    private static async Task WriteAsync(HttpClient http, string email, string token, Guid roundId, IReadOnlyDictionary<string, Guid> states,
        ConcurrentBag<Sample> samples, ConcurrentBag<Guid> saved, Stopwatch clock, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var fields = GrantJourney.DraftFields(roundId, states, $"Outage draft {email} {n}", "COL", ("Flights", "2", "900"));
            var sample = await SendAsync(http, "/Applications/Edit", () =>
            {
                var content = new MultipartFormDataContent();
                foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
                content.Add(new StringContent(token), "__RequestVerificationToken");
                var letter = new ByteArrayContent(GrantJourney.EndorsementLetterPdf);
                letter.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(letter, "EndorsementLetter", "endorsement.pdf");
                return new HttpRequestMessage(HttpMethod.Post, "/Applications/Edit?handler=Save") { Content = content };
            }, clock, saved);
            samples.Add(sample);
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<Sample> SendAsync(HttpClient http, string kind, Func<HttpRequestMessage> request, Stopwatch clock,
        ConcurrentBag<Guid>? saved = null)
    {
        var sentAt = clock.Elapsed.TotalMilliseconds;
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds - sentAt;
            if (saved is not null && response.StatusCode == HttpStatusCode.Redirect
                && SavedDraft().Match(response.Headers.Location?.OriginalString ?? "") is { Success: true } m)
                saved.Add(Guid.Parse(m.Groups[1].Value));
            return new Sample(kind, sentAt, ms, (int)response.StatusCode, response.Headers.RetryAfter is not null,
                body.Contains("The service is briefly unavailable, please try again in a minute.", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Sample(kind, sentAt, clock.Elapsed.TotalMilliseconds - sentAt, 0, false, false);
        }
    }

    private static async Task<HttpClient> SignedInAsync(Uri baseAddress, string email)
    {
        var http = Client(baseAddress);
        var token = await TokenAsync(http, "/Account/Login");
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = DemoSeeder.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    private static async Task<string> TokenAsync(HttpClient http, string page)
    {
        var html = await http.GetStringAsync(page);
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    private static async Task<(Guid Round, Dictionary<string, Guid> States)> ReferenceDataAsync(string connectionString)
    {
        await using var db = TestDatabases.Postgres(connectionString);
        return (await db.Rounds.Select(r => r.Id).FirstAsync(), await db.StateParties.ToDictionaryAsync(s => s.IsoCode, s => s.Id));
    }

    /// <summary>When Quartz last fired a trigger (its own table, in ticks).</summary>
    private static async Task<long> SchedulerFiredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(prev_fire_time), 0) FROM qrtz_triggers", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^/Applications/Edit/([0-9a-f-]{36})$")]
    private static partial Regex SavedDraft();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
