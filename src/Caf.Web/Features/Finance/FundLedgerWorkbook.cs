using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Finance;

/// <summary>
/// The fund ledger as a workbook: a Summary of the balances as of a date, then one sheet per group of entries. Every
/// figure of the Summary is a formula over the sheets' totals, which are formulas over their rows (docs/features/finance.md,
/// "Ledgers"). Streamed as the rows come from the database: 50,000 entries take the memory of a few (issue 16).
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
    private sealed record Totals(EntryTable Table, Dictionary<string, int> Lines, int InFundCurrency)
    {
        public string Ref(string column, string line) => Table.Ref(column, Lines[line]);
    }

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>, streamed (<see cref="StreamedWorkbook"/>): each group sheet's rows as
    /// <paramref name="rowsOf"/> reads them from the database for its kinds, oldest first, then the Summary, whose counts
    /// and lines come from <paramref name="totals"/> (added up by SQL) and whose figures are formulas over the sheets'
    /// totals. Nothing holds more than one row at a time.
    /// </summary>
    public static async Task WriteAsync(Stream output, LedgerTotals totals, string fundCurrency, DateTime generatedAtUtc,
        Func<LedgerEntryKind[], IAsyncEnumerable<LedgerRow>> rowsOf, CancellationToken ct)
    {
        using var workbook = new StreamedWorkbook(output);
        var currencies = totals.PerCurrency.Select(t => t.Currency).ToList();
        var groups = Groups();
        var sheets = new Dictionary<string, Totals>();
        // The group sheets are written first, as their rows come; the Summary, which refers to their totals, last but first in order.
        for (var g = 0; g < groups.Length; g++)
            sheets[groups[g].Sheet] = await WriteGroupAsync(workbook, g + 1, groups[g], rowsOf(groups[g].Kinds), currencies, fundCurrency, totals.AsOf, ct);
        WriteSummary(workbook.StartSheet(Summary, 0, widths: [42, 20, 20, 20, 20, 20]), groups, sheets, totals, fundCurrency, generatedAtUtc);
        await workbook.FinishAsync(LedgerSheets.Properties(InterfaceLanguage.Text("FundBook.Title"), totals.AsOf, generatedAtUtc), ct);
    }

    private static async Task<Totals> WriteGroupAsync(StreamedWorkbook workbook, int order, Group group, IAsyncEnumerable<LedgerRow> rows,
        IReadOnlyList<string> currencies, string fundCurrency, DateOnly asOf, CancellationToken ct)
    {
        List<SheetColumn<LedgerRow>> extra = [];
        if (group.ByType) extra.Add(LedgerSheets.TypeColumn());
        if (group.Grant) extra.Add(LedgerSheets.GrantColumn());
        if (group.Donor)
        {
            extra.Add(new SheetColumn<LedgerRow>(InterfaceLanguage.Text("FundBook.Donor"), 25, r => SheetValue.Of(r.Donor)));
            extra.Add(new SheetColumn<LedgerRow>(InterfaceLanguage.Text("FundBook.Earmarking"), 30, r => SheetValue.Of(r.Earmarking)));
        }
        var columns = LedgerSheets.EntryColumns(fundCurrency, r => r.Kind == group.Negative ? -1 : 1, [.. extra]);
        var sheet = workbook.StartSheet(group.Sheet, order, HeaderRow, [.. columns.Select(c => c.Width)]);
        sheet.Row(1);
        sheet.Cell(1, SheetValue.Of(InterfaceLanguage.Format("FundBook.SheetTitle", group.Sheet, LedgerSheets.Iso(asOf))), LedgerSheets.TitleLook);
        sheet.Row(2);
        sheet.Cell(1, SheetValue.Of($"{group.Note} {InterfaceLanguage.Text("FundBook.Reversal")}"));
        var table = await LedgerSheets.WriteEntriesAsync(sheet, HeaderRow, columns, rows, ct);

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
        sheet.End(table.FilterRange);
        return new Totals(table, lines, inFund);
    }

    /// <summary>The Summary, written row after row.</summary>
    private static void WriteSummary(StreamedSheet sheet, Group[] groups, Dictionary<string, Totals> sheets, LedgerTotals totals, string fundCurrency,
        DateTime generatedAtUtc)
    {
        void Line(int row, params (SheetValue Value, CellLook Look)[] cells)
        {
            sheet.Row(row);
            for (var c = 0; c < cells.Length; c++) sheet.Cell(c + 1, cells[c].Value, cells[c].Look);
        }
        void Header(int row, params string[] headings) => Line(row, [.. headings.Select(h => (SheetValue.Of(h), LedgerSheets.HeaderLook))]);
        (SheetValue, CellLook) Text(string text, CellLook look = default) => (SheetValue.Of(text), look);
        (SheetValue, CellLook) Money(string formula, string currency, CellLook look = default) => (LedgerSheets.MoneyFormula(formula, currency), look);

        Line(1, Text(InterfaceLanguage.Text("FundBook.SummaryTitle"), LedgerSheets.TitleLook));
        var row = 2;
        foreach (var (label, value) in LedgerSheets.FactLines(totals.AsOf, fundCurrency, generatedAtUtc)) Line(row++, Text(label, CellLook.Strong), (value, default));

        // The fund in its currency: what FundBalances.OfAsync gives, from the sheets' totals in fund currency (row 15 on).
        Line(6, Text(InterfaceLanguage.Format("FundBook.FundHeading", fundCurrency), LedgerSheets.HeadingLook));
        // The Summary's line for a sheet in the table "Each sheet", in the order of the sheets.
        int BySheetRow(string name) => 13 + Array.FindIndex(groups, g => g.Sheet == name);
        string InFund(string name) => $"C{BySheetRow(name)}";
        Line(7, Text(Cash), Money($"{InFund(Contributions)}+{InFund(Refunds)}-{InFund(Disbursements)}-{InFund(BankCharges)}+{InFund(ExchangeDifferences)}",
            fundCurrency, CellLook.Strong));
        Line(8, Text(Committed), Money($"{InFund(Commitments)}-{InFund(Disbursements)}", fundCurrency, CellLook.Strong));
        Line(9, Text(Available), Money("B7-B8", fundCurrency, CellLook.Strong));

        Line(11, Text(InterfaceLanguage.Format("FundBook.SheetsHeading", fundCurrency), LedgerSheets.HeadingLook));
        Header(12, InterfaceLanguage.Text("FundBook.Sheet"), InterfaceLanguage.Text("FundBook.Entries"), InterfaceLanguage.Format("FundBook.In", fundCurrency));
        foreach (var group in groups)
        {
            var totalsOf = sheets[group.Sheet];
            Line(BySheetRow(group.Sheet), Text(group.Sheet), (SheetValue.Of(totalsOf.Table.Count), default),
                Money(totalsOf.Table.Ref(LedgerSheets.FundAmount, totalsOf.InFundCurrency), fundCurrency));
        }

        var first = BySheetRow(groups[^1].Sheet) + 2;
        Line(first, Text(InterfaceLanguage.Text("FundBook.CurrenciesHeading"), LedgerSheets.HeadingLook));
        Header(first + 1, LedgerSheets.Currency, InterfaceLanguage.Text("FundBook.Entries"), InterfaceLanguage.Text("FundBook.CashIn"),
            InterfaceLanguage.Text("FundBook.CashOut"), InterfaceLanguage.Text("FundBook.CashBalance"), InterfaceLanguage.Text("FundBook.OpenCommitments"));
        row = first + 2;
        string Total(string name, string currency) => sheets[name].Ref(LedgerSheets.Amount, TotalIn(currency));
        foreach (var line in totals.PerCurrency)
        {
            var c = line.Currency;
            Line(row, Text(c), (SheetValue.Of(line.EntryCount), default),
                Money($"{Total(Contributions, c)}+{Total(Refunds, c)}", c),
                Money($"{Total(Disbursements, c)}+{Total(BankCharges, c)}", c),
                Money($"C{row}-D{row}", c),
                Money($"{Total(Commitments, c)}-{Total(Disbursements, c)}", c));
            row++;
        }
        var exchange = sheets[ExchangeDifferences];
        Line(row, Text(ExchangeLine(fundCurrency)), (SheetValue.Of(totals.ExchangeDifferences.EntryCount), default),
            Money(exchange.Ref(LedgerSheets.FundAmount, TotalGains), fundCurrency),
            Money("-" + exchange.Ref(LedgerSheets.FundAmount, TotalLosses), fundCurrency),
            Money($"C{row}-D{row}", fundCurrency));
        Line(row + 1, Text(LedgerTotals.Note(fundCurrency)));
        sheet.End();
    }
}
