using System.Data.Common;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>
/// The audit trail an auditor can prove (ADR 0027): the database refuses to change or delete it, and with its triggers
/// dropped (someone with the database's owner rights), every kind of tampering is found by <c>audit verify</c> at the
/// first sequence number that can no longer be trusted — a rewrite with every hash recomputed through the signed checkpoint.
/// </summary>
public abstract class AuditTrailTests(CafAppFactory factory)
{
    private async Task<T> WithCheckpointsAsync<T>(Func<AuditCheckpoints, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AuditCheckpoints>());
    }

    private Task<AuditVerification> VerifyAsync(AuditCheckpointFile? kept = null) => WithCheckpointsAsync(c => c.VerifyAsync(kept, null, CancellationToken.None));

    private Task<AuditCheckpoint> CheckpointAsync() => WithCheckpointsAsync(async c => (await c.WriteAsync(null, CancellationToken.None)).Checkpoint!);

    /// <summary>Appends <paramref name="count"/> records the way every action does: through the interceptor that chains them.</summary>
    private Task<int> AppendAsync(int count) => factory.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++) db.AuditEvents.Add(new AuditEvent("test.appended", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "{\"n\":1}"));
        return await db.SaveChangesAsync();
    });

    private Task<long> HeadAsync() => factory.WithDbAsync(db => db.AuditEvents.MaxAsync(e => e.Sequence));

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_record_or_a_checkpoint_but_lets_personal_values_be_erased()
    {
        await factory.ResetAsync();
        await CheckpointAsync();

        foreach (var refused in new[]
                 {
                     """UPDATE "AuditEvents" SET "Action" = 'quietly.changed' WHERE "Sequence" = 1""",
                     """UPDATE "AuditEvents" SET "Details" = NULL, "Hash" = "Hash" WHERE "Sequence" = 2""",
                     """DELETE FROM "AuditEvents" WHERE "Sequence" = 1""",
                     """UPDATE "AuditCheckpoints" SET "HeadHash" = 'x'""",
                     """DELETE FROM "AuditCheckpoints" """,
                 })
        {
            var ex = await Assert.ThrowsAnyAsync<DbException>(() => factory.ExecuteAsync([refused]));
            Assert.Contains(AuditTriggers.Refusal, ex.Message);
        }
        await factory.ExecuteAsync(["""UPDATE "AuditEvents" SET "PersonalValues" = '{}' WHERE "Sequence" = 1"""]);

        var verified = await VerifyAsync();
        Assert.True(verified.Ok, verified.ToString());
        Assert.Equal(await HeadAsync(), verified.Records);
        Assert.Equal(1, verified.CheckpointsMatched);
        Assert.StartsWith($"ok: {verified.Records} records, head ", verified.ToString());
    }

    public enum Tampering { Change, Delete, Swap, Truncate, RewriteTail, RewriteTailAndCheckpoints, ForgeCheckpoint }

    [Theory]
    [InlineData(Tampering.Change)]
    [InlineData(Tampering.Delete)]
    [InlineData(Tampering.Swap)]
    [InlineData(Tampering.Truncate)]
    [InlineData(Tampering.RewriteTail)]
    [InlineData(Tampering.RewriteTailAndCheckpoints)]
    [InlineData(Tampering.ForgeCheckpoint)]
    public async Task Each_kind_of_tampering_is_found_at_the_first_sequence_that_can_no_longer_be_trusted(Tampering tampering)
    {
        await factory.ResetAsync();
        var first = await CheckpointAsync();            // the seed's records, up to s
        await AppendAsync(10);                           // s+1 … s+10
        var second = await CheckpointAsync();           // up to s+10
        await AppendAsync(3);                            // s+11 … s+13
        var s = first.Sequence;
        Assert.Equal(s + 10, second.Sequence);
        var untouched = await VerifyAsync();
        Assert.True(untouched.Ok, untouched.ToString());
        Assert.Equal((s + 13, 2), (untouched.Records, untouched.CheckpointsMatched));

        // Someone with the owner's rights lifts the database's refusal first.
        await factory.ExecuteAsync(AuditTriggers.Drop(factory.ProviderName));
        AuditCheckpointFile? kept = null;
        var (expected, reason) = tampering switch
        {
            Tampering.Change => (s + 5, "content changed"),
            Tampering.Delete => (s + 5, "record missing"),
            Tampering.Swap => (s + 4, "content changed"),
            Tampering.Truncate => (s + 9, "records missing at the end"),
            Tampering.RewriteTail => (s + 1, "the chain no longer matches the checkpoint signed at"),
            Tampering.RewriteTailAndCheckpoints => (1L, "the chain no longer matches the kept checkpoint signed at"),
            _ => (s + 10, "was signed with the key"),
        };
        switch (tampering)
        {
            case Tampering.Change:
                await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Details" = '{"n":2}' WHERE "Sequence" = {s + 5}"""));
                break;
            case Tampering.Delete:
                await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" = {s + 5}"""));
                break;
            case Tampering.Swap:
                await factory.WithDbAsync(async db =>
                {
                    await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = -1 WHERE "Sequence" = {s + 4}""");
                    await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = {s + 4} WHERE "Sequence" = {s + 6}""");
                    return await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEvents" SET "Sequence" = {s + 6} WHERE "Sequence" = -1""");
                });
                break;
            case Tampering.Truncate:
                await factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEvents" WHERE "Sequence" >= {s + 9}"""));
                break;
            case Tampering.RewriteTail:
                await RewriteFromAsync(s + 5);
                break;
            case Tampering.RewriteTailAndCheckpoints:
                kept = AuditCheckpointFile.Of(second);
                await RewriteFromAsync(s + 5);
                await factory.ExecuteAsync(["""DELETE FROM "AuditCheckpoints" """]);
                // Without the file the auditor kept, a rewrite that also removed every checkpoint is not seen: that is what keeping it is for.
                Assert.True((await VerifyAsync()).Ok);
                break;
            case Tampering.ForgeCheckpoint:
                var head = await RewriteFromAsync(s + 5);
                // A checkpoint of the rewritten head, signed with a key of the forger's own in place of the fund's.
                using (var forger = AuditSigningKey.Generate())
                {
                    var at = second.SignedAtUtc;
                    var signature = forger.Sign(AuditCheckpointFile.SignedText(s + 10, head, at));
                    await factory.WithDbAsync(async db =>
                    {
                        await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditCheckpoints" WHERE "Sequence" = {s + 10}""");
                        return await db.Database.ExecuteSqlAsync(
                            $"""INSERT INTO "AuditCheckpoints" ("Id", "Sequence", "HeadHash", "SignedAtUtc", "KeyId", "Signature", "SignedBy") VALUES ({Guid.NewGuid()}, {s + 10}, {head}, {at}, {forger.KeyId}, {signature}, 'schedule')""");
                    });
                }
                break;
        }

        var found = await VerifyAsync(kept);

        Assert.False(found.Ok);
        Assert.Equal(expected, found.FirstBadSequence);
        Assert.Contains(reason, found.Problem);
        Assert.StartsWith($"broken at sequence {expected}: ", found.ToString());
    }

    [Fact]
    public async Task The_auditor_filters_the_trail_a_page_at_a_time_verifies_it_and_downloads_a_checkpoint_that_verifies()
    {
        await factory.ResetAsync();
        await AppendAsync(60);
        var journey = new GrantJourney(factory);
        using var auditor = await journey.SignInAsync("auditor@caf.demo");

        // Newest first, fifty a page, the older ones by the last sequence number shown (the same query cost however long the trail).
        var head = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "test.appended").MaxAsync(e => e.Sequence));
        var (status, first) = await auditor.GetAsync("/Audit?Action=test.appended");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(first, "<td>test.appended</td>"));
        Assert.Contains($"<td>{head}</td>", first);
        // The filter's choices: each action and kind of record that occurs, once (read by stepping through their indexes).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first, "<option value=\"test.appended\" selected=\"selected\">"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first, "<option value=\"Test\">"));
        var actions = System.Text.RegularExpressions.Regex.Matches(first.Split("name=\"Action\"")[1].Split("</select>")[0], "<option value=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).Distinct().CountAsync()), actions.Count);
        Assert.Equal(actions.Count, actions.Distinct().Count());
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/Audit\\?[^\"]*Before=(\\d+))\" id=\"older\"");
        Assert.True(older.Success, "no link to the older records");
        Assert.Equal(head - 49, long.Parse(older.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var (_, second) = await auditor.GetAsync(System.Net.WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(second, "<td>test.appended</td>"));
        Assert.DoesNotContain("id=\"older\"", second);

        // A person's records only; a day that cannot be read is said by its label, and the rest of the filter still applies.
        var (_, byPerson) = await auditor.GetAsync("/Audit?Person=nobody%40example.org");
        Assert.Contains("No record matches.", byPerson);
        var (badStatus, badDay) = await auditor.GetAsync("/Audit?From=31.12.2026&Action=test.appended");
        Assert.Equal(System.Net.HttpStatusCode.OK, badStatus);
        Assert.Contains("From must be a date, for example 2027-03-01.", System.Net.WebUtility.HtmlDecode(badDay));
        Assert.Contains("<td>test.appended</td>", badDay);

        // The records the filter keeps download as a workbook, read back here: every column, hashes included, oldest first.
        using (var workbook = await auditor.Client.GetAsync("/Audit?handler=Export&Action=test.appended"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, workbook.StatusCode);
            using var book = new ClosedXML.Excel.XLWorkbook(await workbook.Content.ReadAsStreamAsync());
            var sheet = book.Worksheet("Audit trail");
            Assert.Equal("Sequence", sheet.Cell(1, 1).GetString());
            Assert.Equal("Hash", sheet.Cell(1, 12).GetString());
            Assert.Equal(61, sheet.LastRowUsed()!.RowNumber());
            var records = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "test.appended").OrderBy(e => e.Sequence).ToListAsync());
            Assert.Equal(records[0].Sequence, sheet.Cell(2, 1).GetValue<long>());
            Assert.Equal(records[59].Hash, sheet.Cell(61, 12).GetString());
            Assert.Equal(AuditChain.ComputeHash(records[59]), sheet.Cell(61, 12).GetString());
        }
        Assert.Contains("\"records\":60", Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditExtract.ExportedAction).Select(e => e.Details!).ToListAsync())));

        // Verifying is itself recorded, with its result; a checkpoint signed now downloads and verifies the trail from outside.
        await GrantJourney.ExpectRedirectAsync(auditor.PostFormAsync("/Audit", [], "Verify"), "verify");
        var verified = Assert.Single(await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditTrail.VerifiedAction).ToListAsync()));
        Assert.Equal("auditor@caf.demo", verified.UserName);
        Assert.Contains("\"ok\":true", verified.Details);
        Assert.Contains("Last verified", (await auditor.GetAsync("/Audit")).Html);
        await GrantJourney.ExpectRedirectAsync(auditor.PostFormAsync("/Audit", [], "Checkpoint"), "sign a checkpoint");
        using var download = await auditor.Client.GetAsync("/Audit?handler=Checkpoint");
        var (kept, problem) = AuditCheckpointFile.Read(await download.Content.ReadAsStringAsync());
        Assert.Null(problem);
        Assert.Equal(verified.Sequence, kept!.Sequence);
        var withKept = await VerifyAsync(kept);
        Assert.True(withKept.Ok, withKept.ToString());
        Assert.Equal(2, withKept.CheckpointsMatched);
    }

    [Fact]
    public async Task An_extract_longer_than_a_sheet_goes_on_in_the_next_sheet_so_that_Excel_opens_every_record()
    {
        await factory.ResetAsync();
        await AppendAsync(60);
        using var scope = factory.Services.CreateScope();
        using var file = new MemoryStream();
        var filter = new AuditFilter(null, null, null, "test.appended", null, null);
        Assert.Equal(60, await scope.ServiceProvider.GetRequiredService<AuditExtract>().WriteAsync(filter, file, 25, CancellationToken.None));

        file.Position = 0;
        using var book = new ClosedXML.Excel.XLWorkbook(file);
        Assert.Equal([AuditExtract.SheetName, $"{AuditExtract.SheetName} 2", $"{AuditExtract.SheetName} 3"], book.Worksheets.Select(w => w.Name));
        Assert.Equal([26, 26, 11], book.Worksheets.Select(w => w.LastRowUsed()!.RowNumber()));
        Assert.All(book.Worksheets, w => Assert.Equal("Sequence", w.Cell(1, 1).GetString()));
        var sequences = book.Worksheets.SelectMany(w => w.RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<long>())).ToList();
        Assert.Equal(await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "test.appended").OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync()),
            sequences);
    }

    /// <summary>Changes one record and recomputes its hash and every later one, as someone would who knows how the chain is made; returns the new head.</summary>
    private Task<string> RewriteFromAsync(long sequence) => factory.WithDbAsync(async db =>
    {
        var records = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence - 1).OrderBy(e => e.Sequence).ToListAsync();
        var previous = records[0].Hash;
        foreach (var e in records.Skip(1))
        {
            var details = e.Sequence == sequence ? "{\"n\":3}" : e.Details;
            var hash = AuditChain.ComputeHash(e.Sequence, e.Id, e.OccurredAtUtc, e.UserId, e.UserName, e.Action, e.EntityType, e.EntityId, details,
                e.IpAddress, e.CorrelationId, previous);
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "AuditEvents" SET "Details" = {details}, "PreviousHash" = {previous}, "Hash" = {hash} WHERE "Sequence" = {e.Sequence}""");
            previous = hash;
        }
        return previous;
    });
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteAuditTrailTests(SqliteAppFactory factory) : AuditTrailTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresAuditTrailTests(PostgresAppFactory factory) : AuditTrailTests(factory);
