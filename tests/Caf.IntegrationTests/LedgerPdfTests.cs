using System.Diagnostics;
using System.Net;
using Caf.IntegrationTests.Infrastructure;

namespace Caf.IntegrationTests;

/// <summary>
/// The fund ledger, a grant ledger and the reconciliation workbook open in another spreadsheet program than the one that
/// wrote them: LibreOffice (Debian's libreoffice-calc-nogui, installed by eng/test.sh) turns each into a PDF.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class LedgerPdfTests(SqliteAppFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task LibreOffice_converts_the_fund_ledger_a_grant_ledger_and_the_reconciliation_workbook_to_pdf()
    {
        var libreOffice = RequireLibreOffice();
        await factory.ResetAsync();
        var (usd, _) = await new LedgerScenario(factory).BuildAsync();
        await new ReconciliationScenario(factory).BuildAsync();
        using var finance = await new GrantJourney(factory).SignInAsync(GrantJourney.Finance);
        var folder = Directory.CreateTempSubdirectory("caf-ledger-pdf-");
        try
        {
            foreach (var (name, url) in new[]
                     {
                         ("fund-ledger.xlsx", "/Finance/Ledger?handler=Download"), ("grant-ledger.xlsx", $"/Finance/GrantLedger/{usd}"),
                         ("reconciliation.xlsx", "/Finance/Ledger?handler=Reconciliation"),
                     })
            {
                using var download = await finance.Client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                var workbook = Path.Combine(folder.FullName, name);
                await File.WriteAllBytesAsync(workbook, await download.Content.ReadAsByteArrayAsync());

                var pdf = await ConvertToPdfAsync(libreOffice, workbook, folder.FullName);

                var start = new byte[4];
                await using (var file = File.OpenRead(pdf)) await file.ReadExactlyAsync(start);
                Assert.Equal("%PDF"u8.ToArray(), start);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Converts with a profile of its own (LibreOffice refuses a second instance on a shared one), within the timeout;
    /// returns the PDF's path.
    /// </summary>
    private static async Task<string> ConvertToPdfAsync(string libreOffice, string workbook, string outputFolder)
    {
        var profile = Directory.CreateTempSubdirectory("caf-libreoffice-profile-");
        try
        {
            var start = new ProcessStartInfo(libreOffice)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { $"-env:UserInstallation={new Uri(profile.FullName).AbsoluteUri}", "--headless", "--convert-to", "pdf", "--outdir", outputFolder, workbook },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"LibreOffice did not convert {Path.GetFileName(workbook)} within {Timeout.TotalSeconds:0} seconds.");
            }
            var pdf = Path.ChangeExtension(Path.Combine(outputFolder, Path.GetFileName(workbook)), ".pdf");
            Assert.True(process.ExitCode == 0 && File.Exists(pdf),
                $"LibreOffice exited with {process.ExitCode} and wrote no {pdf}: {await output} {await error}");
            return pdf;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>
    /// LibreOffice as CAF_TEST_LIBREOFFICE names it. In CI the variable must be set and the program there: the test fails,
    /// never skips. Elsewhere Debian's /usr/bin/libreoffice is used when the variable is not set, and the test is skipped
    /// when there is none, as the browser tests are without Chromium.
    /// </summary>
    private static string RequireLibreOffice()
    {
        var configured = Environment.GetEnvironmentVariable("CAF_TEST_LIBREOFFICE");
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ci && string.IsNullOrEmpty(configured))
            Assert.Fail("LibreOffice is required in CI: CAF_TEST_LIBREOFFICE is not set (eng/test.sh installs libreoffice-calc-nogui and sets it).");
        var path = string.IsNullOrEmpty(configured) ? "/usr/bin/libreoffice" : configured;
        if (File.Exists(path)) return path;
        if (ci) Assert.Fail($"LibreOffice is required in CI: there is no {path}.");
        Assert.Skip($"LibreOffice is not available here: no {path} (eng/test.sh installs libreoffice-calc-nogui).");
        return null!;
    }
}
