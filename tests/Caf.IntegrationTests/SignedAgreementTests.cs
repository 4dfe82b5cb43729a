using System.Net;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The scan of the signed agreement (issue 12): recorded on the agreement page once the agreement is, checked by its
/// content, kept apart from the grant (its bytes read only by the download), downloaded by finance, the ISU and the
/// applicant state alone, audited, and replaced only while no tranche is paid.
/// </summary>
public abstract class SignedAgreementTests(CafAppFactory factory)
{
    private const string Auditor = "auditor@caf.demo";
    private static readonly byte[] Pdf = "%PDF-1.7\n%the agreement, signed by the fund and the Cambodian authority\n%%EOF"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private readonly GrantJourney _journey = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    private static async Task<(HttpStatusCode Status, string Html)> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> UploadAsync(CafSession finance, Guid id, string fileName, byte[] content, string contentType) =>
        finance.PostMultipartAsync($"/Finance/Agreement/{id}", [], "Input.SignedCopy", fileName, content, contentType, "Copy");

    private Task<(Guid? Id, string? Name, int Files)> CopyAsync(Guid id) =>
        factory.WithDbAsync(async db =>
        {
            var grant = await db.Applications.Where(a => a.Id == id).Select(a => new { a.SignedCopyId, a.SignedCopyFileName }).SingleAsync();
            return (grant.SignedCopyId, grant.SignedCopyFileName, await db.StoredFiles.CountAsync());
        });

    [Fact]
    public async Task The_signed_copy_is_downloaded_by_finance_the_isu_the_auditor_and_its_state_alone_and_every_download_is_audited()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        var (_, before) = await finance.GetAsync($"/Finance/Agreement/{id}");
        Assert.Contains("Not recorded yet", before);
        var files = (await CopyAsync(id)).Files;

        await GrantJourney.ExpectRedirectAsync(UploadAsync(finance, id, "agreement signed.pdf", Pdf, "application/pdf"), "record the signed copy");

        var (copyId, name, stored) = await CopyAsync(id);
        Assert.Equal(("agreement signed.pdf", files + 1), (name, stored));
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityId == id.ToString() && e.Details != null
                                                                                   && e.Details.Contains("SignedCopyFileName"))));

        // The page shows the copy and its link; its queries never read the file's table.
        using (var counted = new HttpRequestMessage(HttpMethod.Get, $"/Finance/Agreement/{id}"))
        {
            counted.Headers.Add(SqlCommandCounter.Header, "agreement page");
            using var response = await finance.Client.SendAsync(counted, TestContext.Current.CancellationToken);
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Contains($"<a href=\"/Finance/SignedAgreement/{id}\">agreement signed.pdf</a>", page);
            Assert.Contains("Replace the signed copy", page);
        }
        Assert.DoesNotContain(factory.SqlCommands.TextsOf("agreement page"), sql => sql.Contains("StoredFiles", StringComparison.OrdinalIgnoreCase));

        foreach (var reader in new[] { GrantJourney.Finance, GrantJourney.Isu, Auditor, GrantJourney.Applicant })
        {
            using var session = await _journey.SignInAsync(reader);
            using var download = await session.Client.GetAsync($"/Finance/SignedAgreement/{id}");
            Assert.True(download.StatusCode == HttpStatusCode.OK, $"{reader}: {(int)download.StatusCode}");
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("agreement signed.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        }
        var audited = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "signed-agreement.downloaded").ToListAsync());
        Assert.Equal(4, audited.Count);
        Assert.All(audited, e => Assert.Equal((nameof(GrantApplication), id.ToString()), (e.EntityType, e.EntityId)));
        Assert.All(audited, e => Assert.Contains(copyId.ToString()!, e.Details));

        // The partner state reads the application but not its agreement; the committee does not either.
        // Nor what was paid to the grantee: the owner sees it, the partner sees the approved amount only.
        using (var owner = await _journey.SignInAsync(GrantJourney.Applicant))
        {
            var ownPage = (await owner.GetAsync($"/Applications/Details/{id}")).Html;
            Assert.Contains($"href=\"/Finance/SignedAgreement/{id}\"", ownPage);
            Assert.Contains("id=\"paid\"", ownPage);
            Assert.DoesNotContain("id=\"audit-history\"", ownPage); // the trail is staff's
        }
        // Staff read the application's own records of the trail in words: who downloaded the agreement, each stage change.
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
        {
            var history = System.Net.WebUtility.HtmlDecode((await isu.GetAsync($"/Applications/Details/{id}")).Html);
            Assert.Contains("auditor@caf.demo downloaded the signed agreement", history);
            Assert.Contains("moved it from", history);
            Assert.DoesNotContain("href=\"/Audit?Application=", history); // the link to the whole trail is the auditor's and the administrator's
        }
        using (var partner = await _journey.SignInAsync(GrantJourney.OtherApplicant))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await partner.Client.GetAsync($"/Finance/SignedAgreement/{id}")).StatusCode);
            var (status, details) = await partner.GetAsync($"/Applications/Details/{id}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("/Finance/SignedAgreement/", details);
            Assert.Contains("<dt>Approved</dt>", details);
            Assert.DoesNotContain("id=\"paid\"", details);
        }
        foreach (var other in new[] { GrantJourney.Chair, "member1@caf.demo" })
        {
            using var session = await _journey.SignInAsync(other);
            using var refused = await session.Client.GetAsync($"/Finance/SignedAgreement/{id}");
            Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                        || refused.Headers.Location?.OriginalString.Contains("AccessDenied", StringComparison.Ordinal) == true,
                $"{other}: {(int)refused.StatusCode} {refused.Headers.Location}");
        }
        Assert.Equal(4, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "signed-agreement.downloaded")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_scan_or_not_what_its_name_says_is_refused_at_its_field_and_nothing_is_stored()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        var files = (await CopyAsync(id)).Files;

        foreach (var (fileName, content, message) in new[]
                 {
                     ("agreement.pdf", "MZ, not a PDF"u8.ToArray(), "The content of agreement.pdf is not a PDF document although its name says so. Please attach the document itself."),
                     ("agreement.png", Pdf, "The content of agreement.png is not a PNG image although its name says so. Please attach the document itself."),
                     ("agreement.docx", "PK, a Word document"u8.ToArray(), "agreement.docx: attach documents as .pdf, .jpg, .jpeg, .png."),
                     ("agreement.pdf", Array.Empty<byte>(), "agreement.pdf is empty. Please attach the document itself."),
                 })
        {
            var (status, html) = await ReadAsync(UploadAsync(finance, id, fileName, content, "application/pdf"));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Matches($"data-valmsg-for=\"Input.SignedCopy\"[^>]*>{Regex.Escape(message)}</span>", html);
            // The agreement's own form is shown as recorded, not emptied by the other form's refusal.
            Assert.Contains("value=\"1600.00\"", html);
        }
        Assert.Equal((null, null, files), await CopyAsync(id));
    }

    [Fact]
    public async Task The_signed_copy_is_replaced_while_no_tranche_is_paid_and_kept_as_it_is_once_one_is()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        await GrantJourney.ExpectRedirectAsync(UploadAsync(finance, id, "agreement.pdf", Pdf, "application/pdf"), "record the signed copy");
        var (first, _, files) = await CopyAsync(id);

        await GrantJourney.ExpectRedirectAsync(UploadAsync(finance, id, "agreement-scan.png", Png, "image/png"), "replace the signed copy");
        var (second, name, more) = await CopyAsync(id);
        Assert.NotEqual(first, second);
        // The earlier scan stays stored: the audit trail names it.
        Assert.Equal(("agreement-scan.png", files + 1), (name, more));

        await _journey.PayFirstTrancheAsync(id, 2_000m, 1_600m, Today, Today, "UBS-T1");
        Assert.Equal("Active", await _journey.StageAsync(id));
        var (_, page) = await finance.GetAsync($"/Finance/Agreement/{id}");
        var html = WebUtility.HtmlDecode(page);
        Assert.Contains($"<a href=\"/Finance/SignedAgreement/{id}\">agreement-scan.png</a>", html);
        Assert.Contains("A tranche has been paid under this agreement: the signed copy recorded then is kept as it is.", html);
        Assert.DoesNotContain("Record the agreement", html);
        var (_, tranches) = await finance.GetAsync($"/Finance/Tranches/{id}");
        Assert.Contains($"href=\"/Finance/SignedAgreement/{id}\"", tranches);

        var (status, refused) = await ReadAsync(UploadAsync(finance, id, "late.pdf", Pdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("A tranche has been paid under this agreement: the signed copy recorded then is kept as it is.", refused);
        Assert.Equal((second, "agreement-scan.png", more), await CopyAsync(id));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteSignedAgreementTests(SqliteAppFactory factory) : SignedAgreementTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresSignedAgreementTests(PostgresAppFactory factory) : SignedAgreementTests(factory);
