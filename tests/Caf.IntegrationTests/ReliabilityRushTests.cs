using System.Diagnostics;
using System.Net;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// Deadline rush (issue 16): many focal points, each a person of their own State Party's account, press "Save and submit"
/// on the application page in the same second, on PostgreSQL. Every application is stored as submitted, the references
/// run 1..N without a gap or a repeat, no answer is 5xx and the audit trail verifies. 200 applicants, in the suite too (about 10 s).
/// </summary>
[Collection(PostgresCollectionDefinition.Name)]
[Trait("Category", "Reliability")]
public sealed class ReliabilityRushTests(PostgresAppFactory factory)
{
    [Fact]
    public async Task Applicants_submitting_in_the_same_minute_are_all_stored_with_gap_free_references_and_no_server_error()
    {
        const int count = 200;
        await factory.ResetAsync();
        var journey = new GrantJourney(factory);
        var emails = await ApplicantsAsync(count);

        // Before the rush: each signs in, saves a complete draft with its letter and opens its page (the form's token).
        var people = new (CafSession Session, Guid Id, Dictionary<string, string> Fields, string Token)[count];
        var states = await factory.WithDbAsync(db => db.Users.Where(u => emails.Contains(u.Email!))
            .Select(u => new { Email = u.Email!, u.StateParty!.IsoCode }).ToDictionaryAsync(u => u.Email, u => u.IsoCode));
        using (var gate = new SemaphoreSlim(8))
            await Task.WhenAll(emails.Select((email, i) => Task.Run(async () =>
            {
                await gate.WaitAsync();
                try
                {
                    var session = await journey.SignInAsync(email);
                    var fields = await journey.DraftFieldsAsync($"Rush exchange {i + 1}", PartnerOf(states[email]), ("Flights", "2", "900"));
                    var id = await GrantJourney.CreateDraftAsync(session, fields);
                    people[i] = (session, id, fields, await session.AntiforgeryTokenAsync());
                }
                finally
                {
                    gate.Release();
                }
            })));

        // The rush: every one presses "Save and submit" at the same moment.
        using var start = new SemaphoreSlim(0);
        var clock = Stopwatch.StartNew();
        var submissions = people.Select(p => Task.Run(async () =>
        {
            await start.WaitAsync();
            var sent = Stopwatch.GetTimestamp();
            var form = new FormUrlEncodedContent(p.Fields.Append(new("__RequestVerificationToken", p.Token)));
            using var response = await p.Session.Client.PostAsync($"/Applications/Edit/{p.Id}?handler=Submit", form);
            var body = response.StatusCode == HttpStatusCode.Redirect ? "" : GrantJourney.ErrorsIn(await response.Content.ReadAsStringAsync());
            return (Status: (int)response.StatusCode, Location: response.Headers.Location?.OriginalString, p.Id, Body: body,
                Ms: Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        })).ToList();
        clock.Restart();
        start.Release(count);
        var answers = await Task.WhenAll(submissions);
        var elapsed = clock.Elapsed;
        foreach (var p in people) p.Session.Dispose();

        var serverErrors = answers.Count(a => a.Status >= 500);
        var refused = answers.Where(a => a.Status != 302 || a.Location != $"/Applications/Details/{a.Id}").ToList();
        var year = factory.Clock.GetUtcNow().Year;
        var ids = people.Select(p => p.Id).ToList();
        var stored = await factory.WithDbAsync(db => db.Applications.Where(a => ids.Contains(a.Id) && a.Workflow!.Stage == "Submitted").CountAsync());
        var references = await factory.WithDbAsync(db => db.Applications.Where(a => a.Reference != null).Select(a => a.Reference!).ToListAsync());
        var expected = Enumerable.Range(1, count).Select(n => ReferenceNumbers.Format(year, n)).ToList();
        var gapFree = references.Order(StringComparer.Ordinal).SequenceEqual(expected);
        var verified = await factory.WithDbAsync(db => AuditVerifier.VerifyAsync(db, null, null, CancellationToken.None));
        var times = answers.Select(a => a.Ms).Order().ToList();

        ReliabilityRun.Report("deadline-rush", $"{count} submitted at once in {ReliabilityRun.Seconds(elapsed)} s " +
            $"({ReliabilityRun.OneDecimal(count / elapsed.TotalSeconds)}/s), p50 {ReliabilityRun.Milliseconds(ReliabilityRun.Percentile(times, 0.5))} ms, " +
            $"p99 {ReliabilityRun.Milliseconds(ReliabilityRun.Percentile(times, 0.99))} ms; {stored} stored as submitted, " +
            $"{references.Distinct().Count()} distinct references {references.Order(StringComparer.Ordinal).FirstOrDefault()}..{references.Order(StringComparer.Ordinal).LastOrDefault()} " +
            $"{(gapFree ? "gap-free" : $"NOT {expected[0]}..{expected[^1]}")}, {serverErrors} 5xx, {refused.Count} not taken " +
            $"({string.Join(", ", refused.GroupBy(r => r.Status).Select(g => $"{g.Count()}×{g.Key}"))}), audit trail {(verified.Ok ? "verifies" : "BROKEN")}");

        Assert.Equal(0, serverErrors);
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused.Select(r => $"{r.Id}: {r.Status} {r.Location} {r.Body}")));
        Assert.Equal(count, stored);
        Assert.Equal(expected, references.Order(StringComparer.Ordinal));
        Assert.True(verified.Ok, verified.ToString());
        Assert.Equal(count, await factory.WithDbAsync(db => db.WorkflowTransitions.CountAsync(t => t.Trigger == "submit")));
    }

    /// <summary>A partner for the exchange: another State Party than the applicant's.</summary>
    private static string PartnerOf(string iso) => iso == "COL" ? "PER" : "COL";

    /// <summary>Applicant accounts of the States Parties in turn (several people per State), as invitations would make them.</summary>
    private async Task<List<string>> ApplicantsAsync(int count)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CafUser>>();
        var parties = await db.StateParties.Where(s => s.IsStateParty).OrderBy(s => s.IsoCode).ToListAsync();
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var state = parties[i % parties.Count];
            var email = $"focal{i + 1:000}.{state.IsoCode.ToLowerInvariant()}@rush.test";
            var user = new CafUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Focal point {i + 1} ({state.Name})", StatePartyId = state.Id };
            Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded, email);
            Assert.True((await users.AddToRoleAsync(user, CafRoles.Applicant)).Succeeded, email);
            emails.Add(email);
        }
        return emails;
    }
}
