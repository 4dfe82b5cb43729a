using Caf.Data;
using Caf.Data.Entities;
using ClosedXML.Excel;

namespace Caf.Web.Features.Finance;

/// <summary>
/// The fund ledger as a workbook: a Summary of the balances as of a date, then one sheet per group of entries. Every
/// figure of the Summary is a formula over the sheets' totals, which are formulas over their rows (docs/features/finance.md,
/// "Ledgers").
/// </summary>
internal static class FundLedgerWorkbook
{
    // The names of the sheets and lines are in the language of the person downloading (issue 15); within one workbook a
    // name is the same wherever it is written and wherever a formula looks for it.
    public static string Summary => InterfaceLanguage.Text("Book.Summary");
    public static string Contributions => InterfaceLanguage.Text("FundBook.Contributions");
    public static string Commitments => InterfaceLanguage.Text("FundBook.Commitments");
    public static string Disbursements => InterfaceLanguage.Text("FundBook.Disbursements");
    public static string Refunds => InterfaceLanguage.Text("FundBook.Refunds");
    public static string BankCharges => InterfaceLanguage.Text("FundBook.BankCharges");
    public static string ExchangeDifferences => InterfaceLanguage.Text("FundBook.ExchangeDifferences");
    public const int HeaderRow = 4;

    public static string Cash => InterfaceLanguage.Text("FundBook.Cash");
    public static string Committed => InterfaceLanguage.Text("FundBook.Committed");
    public static string Available => InterfaceLanguage.Text("FundBook.Available");
    public static string TotalGains => InterfaceLanguage.Text("FundBook.TotalGains");
    public static string TotalLosses => InterfaceLanguage.Text("FundBook.TotalLosses");

    public static string TotalIn(string currency) => InterfaceLanguage.Format("Book.Total", currency);
    public static string TotalInFundCurrency(string fundCurrency) => InterfaceLanguage.Format("Book.TotalIn", fundCurrency);
    public static string ExchangeLine(string fundCurrency) => InterfaceLanguage.Format("FundBook.ExchangeLine", fundCurrency);

    /// <summary>A sheet of entries: which kinds, what it says about them, and which of them count negative there.</summary>
    private sealed record Group(string Sheet, LedgerEntryKind[] Kinds, string Note, LedgerEntryKind? Negative = null, bool ByType = false,
        bool Donor = false, bool Grant = true);

    /// <summary>The sheets of entries in their order, named in the current language.</summary>
    private static Group[] Groups() =>
    [
        new(Contributions, [LedgerEntryKind.Contribution], InterfaceLanguage.Text("FundBook.NoteContributions"), Donor: true, Grant: false),
        new(Commitments, [LedgerEntryKind.Commitment, LedgerEntryKind.CommitmentRelease], InterfaceLanguage.Text("FundBook.NoteCommitments"),
            Negative: LedgerEntryKind.CommitmentRelease, ByType: true),
        new(Disbursements, [LedgerEntryKind.Disbursement], InterfaceLanguage.Text("FundBook.NoteDisbursements")),
        new(Refunds, [LedgerEntryKind.Refund], InterfaceLanguage.Text("FundBook.NoteRefunds")),
        new(BankCharges, [LedgerEntryKind.BankCharge], InterfaceLanguage.Text("FundBook.NoteBankCharges")),
        new(ExchangeDifferences, [LedgerEntryKind.ExchangeGain, LedgerEntryKind.ExchangeLoss], InterfaceLanguage.Text("FundBook.NoteExchange"),
            Negative: LedgerEntryKind.ExchangeLoss, ByType: true),
    ];

    /// <summary>Where a group sheet's totals are: the row of each total line by its label, and its line in fund currency.</summary>
    private sealed record Totals(EntryTable Table, Dictionary<string, int> Lines, int InFundCurrency, int Count)
    {
        public string Ref(string column, string line) => Table.Ref(column, Lines[line]);
    }

    public static XLWorkbook Build(IReadOnlyList<LedgerRow> rows, LedgerTotals totals, string fundCurrency, DateTime generatedAtUtc)
    {
        var workbook = new XLWorkbook();
        LedgerSheets.Describe(workbook, InterfaceLanguage.Text("FundBook.Title"), totals.AsOf, generatedAtUtc);
        var summary = workbook.Worksheets.Add(Summary);
        var currencies = totals.PerCurrency.Select(t => t.Currency).ToList();
        var groups = Groups();
        var sheets = groups.ToDictionary(g => g.Sheet, g => WriteGroup(workbook, g, rows, currencies, fundCurrency, totals.AsOf));
        WriteSummary(summary, groups, sheets, totals, fundCurrency, generatedAtUtc);
        return workbook;
    }

    private static Totals WriteGroup(XLWorkbook workbook, Group group, IReadOnlyList<LedgerRow> rows, IReadOnlyList<string> currencies,
        string fundCurrency, DateOnly asOf)
    {
        var sheet = workbook.Worksheets.Add(group.Sheet);
        LedgerSheets.Title(sheet, InterfaceLanguage.Format("FundBook.SheetTitle", group.Sheet, LedgerSheets.Iso(asOf)));
        sheet.Cell(2, 1).Value = $"{group.Note} {InterfaceLanguage.Text("FundBook.Reversal")}";
        List<SheetColumn<LedgerRow>> extra = [];
        if (group.ByType) extra.Add(LedgerSheets.TypeColumn());
        if (group.Grant) extra.Add(LedgerSheets.GrantColumn());
        if (group.Donor)
        {
            extra.Add(new SheetColumn<LedgerRow>(InterfaceLanguage.Text("FundBook.Donor"), 25, (c, r) => WorkbookText.Write(c, r.Donor)));
            extra.Add(new SheetColumn<LedgerRow>(InterfaceLanguage.Text("FundBook.Earmarking"), 30, (c, r) => WorkbookText.Write(c, r.Earmarking)));
        }
        var mine = rows.Where(r => group.Kinds.Contains(r.Kind)).ToList();
        var table = LedgerSheets.WriteEntries(sheet, HeaderRow,
            LedgerSheets.EntryColumns(fundCurrency, r => r.Kind == group.Negative ? -1 : 1, [.. extra]), mine);

        var amount = LedgerSheets.Amount;
        var fund = LedgerSheets.FundAmount;
        var lines = new Dictionary<string, int>();
        if (group.Sheet == ExchangeDifferences)
        {
            foreach (var (label, kind) in new[] { (TotalGains, LedgerEntryKind.ExchangeGain), (TotalLosses, LedgerEntryKind.ExchangeLoss) })
                lines[label] = table.AddTotal(label, fundCurrency, (fund, table.SumIf(LedgerSheets.Type, DisplayNames.Label(kind), fund), fundCurrency));
        }
        else
        {
            foreach (var currency in currencies)
                lines[TotalIn(currency)] = table.AddTotal(TotalIn(currency), currency,
                    (amount, table.SumIf(LedgerSheets.Currency, currency, amount), currency),
                    (fund, table.SumIf(LedgerSheets.Currency, currency, fund), fundCurrency));
        }
        var inFund = table.AddTotal(TotalInFundCurrency(fundCurrency), null, (fund, table.Sum(fund), fundCurrency));
        return new Totals(table, lines, inFund, mine.Count);
    }

    private static void WriteSummary(IXLWorksheet sheet, Group[] groups, Dictionary<string, Totals> sheets, LedgerTotals totals, string fundCurrency,
        DateTime generatedAtUtc)
    {
        LedgerSheets.Title(sheet, InterfaceLanguage.Text("FundBook.SummaryTitle"));
        LedgerSheets.Facts(sheet, 2, totals.AsOf, fundCurrency, generatedAtUtc);

        // The fund in its currency: what FundBalances.OfAsync gives, from the sheets' totals in fund currency (row 15 on).
        LedgerSheets.Heading(sheet, 6, InterfaceLanguage.Format("FundBook.FundHeading", fundCurrency));
        // The Summary's line for a sheet in the table "Each sheet", in the order of the sheets.
        int BySheetRow(string name) => 13 + Array.FindIndex(groups, g => g.Sheet == name);
        string InFund(string name) => $"C{BySheetRow(name)}";
        Figure(sheet, 7, Cash, $"{InFund(Contributions)}+{InFund(Refunds)}-{InFund(Disbursements)}-{InFund(BankCharges)}+{InFund(ExchangeDifferences)}", fundCurrency);
        Figure(sheet, 8, Committed, $"{InFund(Commitments)}-{InFund(Disbursements)}", fundCurrency);
        Figure(sheet, 9, Available, "B7-B8", fundCurrency);

        LedgerSheets.Heading(sheet, 11, InterfaceLanguage.Format("FundBook.SheetsHeading", fundCurrency));
        LedgerSheets.HeaderCells(sheet, 12, InterfaceLanguage.Text("FundBook.Sheet"), InterfaceLanguage.Text("FundBook.Entries"),
            InterfaceLanguage.Format("FundBook.In", fundCurrency));
        foreach (var group in groups)
        {
            var totalsOf = sheets[group.Sheet];
            var row = BySheetRow(group.Sheet);
            sheet.Cell(row, 1).Value = group.Sheet;
            sheet.Cell(row, 2).Value = totalsOf.Count;
            LedgerSheets.MoneyFormula(sheet.Cell(row, 3), totalsOf.Table.Ref(LedgerSheets.FundAmount, totalsOf.InFundCurrency), fundCurrency);
        }

        var first = BySheetRow(groups[^1].Sheet) + 2;
        LedgerSheets.Heading(sheet, first, InterfaceLanguage.Text("FundBook.CurrenciesHeading"));
        LedgerSheets.HeaderCells(sheet, first + 1, LedgerSheets.Currency, InterfaceLanguage.Text("FundBook.Entries"), InterfaceLanguage.Text("FundBook.CashIn"),
            InterfaceLanguage.Text("FundBook.CashOut"), InterfaceLanguage.Text("FundBook.CashBalance"), InterfaceLanguage.Text("FundBook.OpenCommitments"));
        var row2 = first + 2;
        string Total(string name, string currency) => sheets[name].Ref(LedgerSheets.Amount, TotalIn(currency));
        foreach (var line in totals.PerCurrency)
        {
            var c = line.Currency;
            sheet.Cell(row2, 1).Value = c;
            sheet.Cell(row2, 2).Value = line.EntryCount;
            LedgerSheets.MoneyFormula(sheet.Cell(row2, 3), $"{Total(Contributions, c)}+{Total(Refunds, c)}", c);
            LedgerSheets.MoneyFormula(sheet.Cell(row2, 4), $"{Total(Disbursements, c)}+{Total(BankCharges, c)}", c);
            LedgerSheets.MoneyFormula(sheet.Cell(row2, 5), $"C{row2}-D{row2}", c);
            LedgerSheets.MoneyFormula(sheet.Cell(row2, 6), $"{Total(Commitments, c)}-{Total(Disbursements, c)}", c);
            row2++;
        }
        var exchange = sheets[ExchangeDifferences];
        sheet.Cell(row2, 1).Value = ExchangeLine(fundCurrency);
        sheet.Cell(row2, 2).Value = totals.ExchangeDifferences.EntryCount;
        LedgerSheets.MoneyFormula(sheet.Cell(row2, 3), exchange.Ref(LedgerSheets.FundAmount, TotalGains), fundCurrency);
        LedgerSheets.MoneyFormula(sheet.Cell(row2, 4), "-" + exchange.Ref(LedgerSheets.FundAmount, TotalLosses), fundCurrency);
        LedgerSheets.MoneyFormula(sheet.Cell(row2, 5), $"C{row2}-D{row2}", fundCurrency);
        sheet.Cell(row2 + 1, 1).Value = LedgerTotals.Note(fundCurrency);

        sheet.Column(1).Width = 42;
        for (var c = 2; c <= 6; c++) sheet.Column(c).Width = 20;
    }

    private static void Figure(IXLWorksheet sheet, int row, string label, string formula, string currency)
    {
        sheet.Cell(row, 1).Value = label;
        LedgerSheets.MoneyFormula(sheet.Cell(row, 2), formula, currency);
        sheet.Cell(row, 2).Style.Font.Bold = true;
    }
}
