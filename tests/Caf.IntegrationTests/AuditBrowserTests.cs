using System.Globalization;
using Caf.Data;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>The auditor in a real browser (issue 13): filters the audit trail, verifies it, and downloads an extract it reads back.</summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class AuditBrowserTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task The_auditor_filters_the_trail_verifies_it_and_downloads_the_records_shown()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        // Finance records a contribution: the auditor finds it by its action and person.
        var finance = await factory.SignInAsync(GrantJourney.Finance);
        await finance.GotoAsync("/Finance/Contributions");
        await finance.GetByLabel("Donor", new() { Exact = true }).FillAsync("Ireland");
        await finance.GetByLabel("Amount received").FillAsync("5000");
        await finance.GetByLabel("Value date").FillAsync(FundTime.Today(factory.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await finance.GetByLabel("Bank reference").FillAsync("IE-IRISHAID-7");
        await finance.GetByRole(AriaRole.Button, new() { Name = "Record the contribution" }).ClickAsync();
        await Expect(finance.GetByRole(AriaRole.Status)).ToHaveTextAsync("Contribution from Ireland recorded.");

        var auditor = await factory.SignInAsync("auditor@caf.demo");
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await auditor.GetByLabel("Action").SelectOptionAsync("LedgerEntry.created");
        await auditor.GetByLabel("Person (sign-in name)").FillAsync(GrantJourney.Finance);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var rows = auditor.Locator("#audit-records tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("IE-IRISHAID-7");

        await auditor.GetByRole(AriaRole.Button, new() { Name = "Verify the whole trail now" }).ClickAsync();
        await Expect(auditor.GetByRole(AriaRole.Status)).ToContainTextAsync("The audit trail verifies: ok:");

        await auditor.GetByLabel("Action").SelectOptionAsync("LedgerEntry.created");
        await auditor.GetByLabel("Person (sign-in name)").FillAsync(GrantJourney.Finance);
        var download = await auditor.RunAndWaitForDownloadAsync(() =>
            auditor.GetByRole(AriaRole.Button, new() { Name = "Download these records (.xlsx)" }).ClickAsync());
        using var workbook = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await download.PathAsync())));
        var sheet = workbook.Worksheet("Audit trail");
        Assert.Equal(2, sheet.LastRowUsed()!.RowNumber());
        Assert.Equal(GrantJourney.Finance, sheet.Cell(2, 3).GetString());
        Assert.Contains("IE-IRISHAID-7", sheet.Cell(2, 8).GetString());
        var recorded = await factory.WithDbAsync(db => db.AuditEvents.SingleAsync(e => e.Action == "LedgerEntry.created" && e.UserName == GrantJourney.Finance));
        Assert.Equal(recorded.Hash, sheet.Cell(2, 12).GetString());
    }
}
