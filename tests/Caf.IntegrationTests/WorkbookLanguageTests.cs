using System.Net;
using Caf.Data;
using Caf.Data.Finance;
using Caf.IntegrationTests.Infrastructure;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// A workbook speaks the language of the person downloading it (issue 15): its sheets, headings, labels and notes in French
/// or Spanish, while every figure, date and formula result is the one the English workbook has — the totals are formulas
/// that look for labels, so a label written one way and looked for another would give other figures.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class WorkbookLanguageTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task The_ledgers_the_reconciliation_and_the_audit_extract_are_in_the_readers_language_with_the_same_figures()
    {
        await factory.ResetAsync();
        var (usd, _) = await new LedgerScenario(factory).BuildAsync();
        await new ReconciliationScenario(factory).BuildAsync();

        foreach (var (language, email, url) in new[]
                 {
                     ("fr", GrantJourney.Finance, "/Finance/Ledger?handler=Download"),
                     ("es", GrantJourney.Finance, $"/Finance/GrantLedger/{usd}"),
                     ("fr", GrantJourney.Finance, "/Finance/Ledger?handler=Reconciliation"),
                     ("es", GrantJourney.Finance, "/Finance/Ledger?handler=Reconciliation"),
                     ("es", "auditor@caf.demo", "/Audit?handler=Export&Action=ledger.exported"),
                 })
        {
            using var english = await DownloadAsync("en", email, url);
            using var other = await DownloadAsync(language, email, url);
            Assert.Equal(english.Worksheets.Count, other.Worksheets.Count);
            var englishOnly = EnglishWorkbookTexts(language);
            for (var s = 1; s <= english.Worksheets.Count; s++)
            {
                var (en, translated) = (english.Worksheet(s), other.Worksheet(s));
                var texts = translated.CellsUsed().Where(c => !c.HasFormula && c.DataType == XLDataType.Text).Select(c => c.GetString()).ToList();
                var left = texts.Where(t => englishOnly.Any(e => t == e || t.StartsWith(e + " (", StringComparison.Ordinal))).Distinct().ToList();
                Assert.True(left.Count == 0, $"{url} in {language}, sheet {translated.Name}, still says in English: {string.Join(" | ", left)}");
                var figures = en.CellsUsed().Where(c => c.HasFormula || c.DataType is XLDataType.Number or XLDataType.DateTime).ToList();
                Assert.NotEmpty(figures);
                foreach (var cell in figures)
                    Assert.True(Equals(cell.Value, translated.Cell(cell.Address.ToString()).Value),
                        $"{url} in {language}: {translated.Name}!{cell.Address} is {translated.Cell(cell.Address.ToString()).Value}, in English {cell.Value}");
            }
        }
    }

    [Fact]
    public async Task The_fund_ledger_in_french_names_its_sheets_in_french_and_its_summary_gives_the_funds_balance()
    {
        await factory.ResetAsync();
        await new LedgerScenario(factory).BuildAsync();
        using var workbook = await DownloadAsync("fr", GrantJourney.Finance, "/Finance/Ledger?handler=Download");

        Assert.Equal(["Synthèse", "Contributions", "Engagements", "Décaissements", "Remboursements", "Frais bancaires", "Différences de change"],
            workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("Synthèse");
        var fund = await factory.WithDbAsync(db => FundBalances.OfAsync(db, "CHF", FundTime.Today(factory.Clock), CancellationToken.None));
        decimal Figure(string label) => summary.Column(1).CellsUsed().Single(c => c.GetString() == label).CellRight().GetValue<decimal>();
        Assert.Equal((fund.Cash.Amount, fund.Committed.Amount, fund.Available.Amount),
            (Figure("Trésorerie"), Figure("Engagé, pas encore décaissé"), Figure("Disponible pour engagement")));
        var headings = workbook.Worksheet("Décaissements").Row(4).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("Date de valeur", headings);
        Assert.Contains("Montant en monnaie du fonds (CHF)", headings);
        Assert.StartsWith("Arrêté au ", workbook.Properties.Subject, StringComparison.Ordinal);
        Assert.Contains(summary.Column(1).CellsUsed(), c => c.GetString().StartsWith("La ligne de chaque monnaie", StringComparison.Ordinal));
    }

    private async Task<XLWorkbook> DownloadAsync(string language, string email, string url)
    {
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, language)));
        using var session = await _journey.SignInAsync(email);
        using var download = await session.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
    }

    /// <summary>The English texts of the workbooks that <paramref name="language"/> writes otherwise ("Value date"; not "Total {0}").</summary>
    private static List<string> EnglishWorkbookTexts(string language)
    {
        var (english, other) = (EnglishText.Read(""), EnglishText.Read(language));
        string[] prefixes = ["Book.", "FundBook.", "GrantBook.", "Recon.", "AuditBook."];
        return [.. english.Where(p => prefixes.Any(x => p.Key.StartsWith(x, StringComparison.Ordinal)) && p.Value != other[p.Key] && !p.Value.Contains('{'))
            .Select(p => p.Value)];
    }
}
