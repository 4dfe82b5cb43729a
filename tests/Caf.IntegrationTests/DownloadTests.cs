using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// A document leaves the system as it came in, streamed from the database: every byte, its length announced, always as an
/// attachment, audited, and only to those who see its application. On SQLite and PostgreSQL, whose streams differ.
/// </summary>
public abstract class DownloadTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task A_six_megabyte_endorsement_letter_comes_back_byte_for_byte_to_its_state_only()
    {
        await factory.ResetAsync();
        var letter = new byte[6 * 1024 * 1024 + 17];
        new Random(2026).NextBytes(letter);
        "%PDF-1.7\n"u8.CopyTo(letter);
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Exchange on victim assistance", "COL");
        var saved = await applicant.PostMultipartAsync("/Applications/Edit", fields, "EndorsementLetter", "lettre d’appui.pdf",
            letter, "application/pdf", "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var attachmentId = await factory.WithDbAsync(db => db.Attachments.Select(a => a.Id).SingleAsync());

        using var download = await applicant.Client.GetAsync($"/Applications/Attachment/{attachmentId}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(letter.Length, download.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("lettre d’appui.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        var received = await download.Content.ReadAsByteArrayAsync();
        Assert.True(letter.SequenceEqual(received), "the bytes differ");
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "attachment.downloaded")));

        using var otherState = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        Assert.Equal(HttpStatusCode.NotFound, (await otherState.Client.GetAsync($"/Applications/Attachment/{attachmentId}")).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "attachment.downloaded")));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteDownloadTests(SqliteAppFactory factory) : DownloadTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresDownloadTests(PostgresAppFactory factory) : DownloadTests(factory);
