using System.Net;
using System.Text.Json.Nodes;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// A delegation member's name erased at their request (ADR 0028): gone from the application, its submitted versions and
/// the audit trail, whose records kept it only beside their hashes — and the trail still verifies. A kept value changed
/// behind the application's back is found by the verification.
/// </summary>
public abstract class PersonalDataErasureTests(CafAppFactory factory)
{
    private async Task<Caf.Data.Auditing.AuditVerification> VerifyAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().VerifyAsync(null, null, CancellationToken.None);
    }

    [Fact]
    public async Task The_administrator_erases_a_members_name_everywhere_it_is_kept_and_the_trail_still_verifies()
    {
        await factory.ResetAsync();
        // A submitted application whose delegation is two people; the first, whose name was first mistyped in the draft,
        // asks for her name to be erased.
        var journey = new GrantJourney(factory);
        var applicationId = await SubmittedAsync(journey);
        const string name = "Chanthy Sok";
        const string mistyped = "Chanthy Sokk";
        var (reference, participantId) = await factory.WithDbAsync(async db =>
        {
            var application = await db.Applications.Include(a => a.Participants).SingleAsync(a => a.Id == applicationId);
            return (application.Reference!, application.Participants.Single(p => p.Name == name).Id);
        });
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.PersonalValues!.Contains(mistyped))));
        Assert.True(await factory.WithDbAsync(db => db.ApplicationVersions.AnyAsync(v => v.ApplicationId == applicationId && v.SnapshotJson.Contains(name))));

        // Before: the trail holds the name only beside its records, never in what the hashes cover; the Auditor reads it.
        Assert.False(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Details!.Contains(name))));
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.PersonalValues!.Contains(name))));
        using (var auditor = await journey.SignInAsync("auditor@caf.demo"))
            Assert.Contains(name, WebUtility.HtmlDecode((await auditor.GetAsync("/Audit?EntityType=Participant")).Html));

        using var admin = await journey.SignInAsync("admin@caf.demo");
        var (found, page) = await admin.GetAsync($"/Admin/Erasure?Application={reference.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Contains(WebUtility.HtmlEncode(name) + ", Deputy director", page);
        Assert.Contains(WebUtility.HtmlEncode(mistyped) + " (an earlier version of the draft)", page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Erasure?Application=CAF-1999-999")).Status);

        // Refused, said on the page even when no application was found; a box "ticked" with anything but true is not ticked.
        var nothing = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = "CAF-1999-999", ["Reason"] = "test", ["Confirm"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        var nothingSaid = WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync());
        Assert.Contains("Tick the box to confirm that the names are to be erased for good.", nothingSaid);
        Assert.DoesNotContain("Confirm must", nothingSaid);
        var tooLong = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = new string('A', 5000), ["Names"] = name, ["Reason"] = "x", ["Confirm"] = "true" });
        Assert.Contains("An application reference is short", await tooLong.Content.ReadAsStringAsync());

        // Refused, by field, with nothing changed: no confirmation, no reason.
        var refused = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = reference, ["Names"] = name });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var said = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Tick the box to confirm that the names are to be erased for good.", said);
        var unexplained = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = reference, ["Names"] = name, ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("Say why: whose request, received when and how", WebUtility.HtmlDecode(await unexplained.Content.ReadAsStringAsync()));
        var unticked = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = reference, ["Reason"] = "x", ["Confirm"] = "true" });
        Assert.Contains("Tick the name, or names, to be erased.", WebUtility.HtmlDecode(await unticked.Content.ReadAsStringAsync()));
        var stranger = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = reference, ["Names"] = "Somebody Else", ["Reason"] = "x", ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("Tick names from the list", WebUtility.HtmlDecode(await stranger.Content.ReadAsStringAsync()));
        Assert.True(await factory.WithDbAsync(db => db.Set<Participant>().AnyAsync(p => p.Id == participantId && p.Name == name)));

        await GrantJourney.ExpectRedirectAsync(admin.PostPairsAsync("/Admin/Erasure", [
            new("Application", reference), new("Names", name), new("Names", mistyped), new("Confirm", "true"),
            new("Reason", "Request by email to the ISU, 30 November 2026"),
        ]), "erase the names");

        // After: the name is nowhere — not in the application, its versions, nor any column of any audit record.
        Assert.Equal(Participant.ErasedName, await factory.WithDbAsync(db => db.Set<Participant>().Where(p => p.Id == participantId).Select(p => p.Name).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Set<Participant>().AnyAsync(p => p.Name == name)));
        Assert.True(await factory.WithDbAsync(db => db.Set<Participant>().AnyAsync(p => p.Name == "Dara Kim")));
        Assert.False(await factory.WithDbAsync(db => db.ApplicationVersions.AnyAsync(v => v.SnapshotJson.Contains(name))));
        Assert.False(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e =>
            e.Details!.Contains(name) || e.PersonalValues!.Contains(name) || e.UserName.Contains(name) || e.EntityId!.Contains(name))));
        // Read as values, not as text (JSON may escape a name's letters): neither spelling is kept anywhere.
        var keptValues = await factory.WithDbAsync(async db => (await db.AuditEvents.Where(e => e.PersonalValues != null).Select(e => e.PersonalValues).ToListAsync())
            .SelectMany(v => Caf.Data.Auditing.AuditPersonalData.Values(v)).OfType<string>().ToList());
        Assert.DoesNotContain(keptValues, v => v.Equals(name, StringComparison.OrdinalIgnoreCase) || v.Equals(mistyped, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Dara Kim", keptValues);
        var erased = await factory.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "personal-data.erased"));
        Assert.Equal("admin@caf.demo", erased.UserName);
        Assert.Equal(applicationId.ToString(), erased.EntityId);
        Assert.Contains("30 November 2026", erased.Details);

        // The Auditor reads "(erased)" where the name was; the trail verifies, the erasure included.
        using (var auditor = await journey.SignInAsync("auditor@caf.demo"))
        {
            var trail = WebUtility.HtmlDecode((await auditor.GetAsync("/Audit?EntityType=Participant")).Html);
            Assert.Contains(Caf.Data.Auditing.AuditPersonalData.Erased, trail);
            Assert.DoesNotContain(name, trail);
        }
        var verified = await VerifyAsync();
        Assert.True(verified.Ok, verified.ToString());

        // An erased name is no longer one to tick; the page says so.
        var again = await admin.PostFormAsync("/Admin/Erasure", new() { ["Application"] = reference, ["Names"] = name, ["Confirm"] = "true", ["Reason"] = "again" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Tick names from the list", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
    }

    private static async Task<Guid> SubmittedAsync(GrantJourney journey)
    {
        using var applicant = await journey.SignInAsync(GrantJourney.Applicant);
        var fields = await journey.DraftFieldsAsync("Land release methods: visit to Colombia", "COL", ("Return flights", "2", "1850.00"));
        fields["Form.Delegation[1].Name"] = "Dara Kim";
        fields["Form.Delegation[1].Function"] = "Survey team leader";
        fields["Form.Delegation[1].Organisation"] = "CMAA";
        fields["Form.Delegation[1].Sex"] = "Male";
        fields["Form.Delegation[1].AgeBand"] = "From25To39";
        var mistyped = new Dictionary<string, string>(fields) { ["Form.Delegation[0].Name"] = "Chanthy Sokk" };
        var id = await GrantJourney.CreateDraftAsync(applicant, mistyped);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "correct the name and submit");
        return id;
    }

    [Fact]
    public async Task A_personal_value_changed_beside_its_record_breaks_the_verification_at_that_record()
    {
        await factory.ResetAsync();
        await SubmittedAsync(new GrantJourney(factory));
        var (sequence, values) = await factory.WithDbAsync(async db =>
        {
            var record = await db.AuditEvents.Where(e => e.PersonalValues != null).OrderBy(e => e.Sequence).FirstAsync();
            return (record.Sequence, record.PersonalValues!);
        });
        var kept = JsonNode.Parse(values)!.AsObject();
        var digest = kept.First().Key;
        kept[digest]!["value"] = "Someone Else";
        // The database lets this one column change (for erasure); the salted hash in the record's details does not follow.
        await factory.ExecuteAsync([$"""UPDATE "AuditEvents" SET "PersonalValues" = '{kept.ToJsonString()}' WHERE "Sequence" = {sequence}"""]);

        var found = await VerifyAsync();
        Assert.False(found.Ok);
        Assert.Equal(sequence, found.FirstBadSequence);
        Assert.StartsWith($"broken at sequence {sequence}: personal value changed", found.ToString());

        // Emptied, as an erasure does, it verifies again.
        await factory.ExecuteAsync([$"""UPDATE "AuditEvents" SET "PersonalValues" = NULL WHERE "Sequence" = {sequence}"""]);
        Assert.True((await VerifyAsync()).Ok);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqlitePersonalDataErasureTests(SqliteAppFactory factory) : PersonalDataErasureTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresPersonalDataErasureTests(PostgresAppFactory factory) : PersonalDataErasureTests(factory);
