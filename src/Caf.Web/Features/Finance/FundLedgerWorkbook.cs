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
    public const string Summary = "Summary";
    public const string Contributions = "Contributions";
    public const string Commitments = "Commitments";
    public const string Disbursements = "Disbursements";
    public const string Refunds = "Refunds";
    public const string BankCharges = "Bank charges";
    public const string ExchangeDifferences = "Exchange differences";
    public const int HeaderRow = 4;

    public const string Cash = "Cash";
    public const string Committed = "Committed, not yet disbursed";
    public const string Available = "Available to commit";
    public const string TotalGains = "Total gains";
    public const string TotalLosses = "Total losses";

    public static string TotalIn(string currency) => $"Total {currency}";
    public static string TotalInFundCurrency(string fundCurrency) => $"Total in {fundCurrency}";
    public static string ExchangeLine(string fundCurrency) => $"Exchange differences ({fundCurrency})";

    /// <summary>A sheet of entries: which kinds, what it says about them, and which of them count negative there.</summary>
    private sealed record Group(string Sheet, LedgerEntryKind[] Kinds, string Note, LedgerEntryKind? Negative = null, bool ByType = false,
        bool Donor = false, bool Grant = true);

    private static readonly Group[] Groups =
    [
        new(Contributions, [LedgerEntryKind.Contribution], "Donors' contributions to the fund, at their value date's rate.", Donor: true, Grant: false),
        new(Commitments, [LedgerEntryKind.Commitment, LedgerEntryKind.CommitmentRelease],
            "Grants committed on approval at the approval date's rate; a release of what was never paid is a negative row.",
            Negative: LedgerEntryKind.CommitmentRelease, ByType: true),
        new(Disbursements, [LedgerEntryKind.Disbursement],
            "Payments to grantees, in fund currency at their commitment's rate; the difference from the value date's rate is on the sheet Exchange differences."),
        new(Refunds, [LedgerEntryKind.Refund], "Refunds from grantees, at their value date's rate."),
        new(BankCharges, [LedgerEntryKind.BankCharge], "What the bank charged, on the fund's own account or on a grant's payment, at the value date's rate."),
        new(ExchangeDifferences, [LedgerEntryKind.ExchangeGain, LedgerEntryKind.ExchangeLoss],
            "The difference between a payment at its value date's rate and at its commitment's rate, in fund currency only: a gain is positive, a loss negative.",
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
        LedgerSheets.Describe(workbook, "CAF fund ledger", totals.AsOf, generatedAtUtc);
        var summary = workbook.Worksheets.Add(Summary);
        var currencies = totals.PerCurrency.Select(t => t.Currency).ToList();
        var sheets = Groups.ToDictionary(g => g.Sheet, g => WriteGroup(workbook, g, rows, currencies, fundCurrency, totals.AsOf));
        WriteSummary(summary, sheets, totals, fundCurrency, generatedAtUtc);
        return workbook;
    }

    private static Totals WriteGroup(XLWorkbook workbook, Group group, IReadOnlyList<LedgerRow> rows, IReadOnlyList<string> currencies,
        string fundCurrency, DateOnly asOf)
    {
        var sheet = workbook.Worksheets.Add(group.Sheet);
        LedgerSheets.Title(sheet, $"{group.Sheet} — fund ledger as of {LedgerSheets.Iso(asOf)}");
        sheet.Cell(2, 1).Value = group.Note + " A reversal is a negative row naming the entry it reverses.";
        List<SheetColumn<LedgerRow>> extra = [];
        if (group.ByType) extra.Add(LedgerSheets.TypeColumn());
        if (group.Grant) extra.Add(LedgerSheets.GrantColumn());
        if (group.Donor)
        {
            extra.Add(new SheetColumn<LedgerRow>("Donor", 25, (c, r) => WorkbookText.Write(c, r.Donor)));
            extra.Add(new SheetColumn<LedgerRow>("Earmarking", 30, (c, r) => WorkbookText.Write(c, r.Earmarking)));
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

    private static void WriteSummary(IXLWorksheet sheet, Dictionary<string, Totals> sheets, LedgerTotals totals, string fundCurrency,
        DateTime generatedAtUtc)
    {
        LedgerSheets.Title(sheet, "Cooperation and Assistance Fund — fund ledger");
        LedgerSheets.Fact(sheet, 2, "As of", totals.AsOf.ToDateTime(TimeOnly.MinValue), LedgerSheets.DateFormat);
        LedgerSheets.Fact(sheet, 3, "Fund currency", fundCurrency);
        LedgerSheets.Fact(sheet, 4, "Generated", $"{FundTime.DescribeWithUtc(generatedAtUtc)} by {LedgerSheets.Generator}");

        // The fund in its currency: what FundBalances.OfAsync gives, from the sheets' totals in fund currency (row 15 on).
        LedgerSheets.Heading(sheet, 6, $"The fund in {fundCurrency}, every entry at the rate it was booked at");
        string InFund(string name) => $"C{BySheetRow(name)}";
        Figure(sheet, 7, Cash, $"{InFund(Contributions)}+{InFund(Refunds)}-{InFund(Disbursements)}-{InFund(BankCharges)}+{InFund(ExchangeDifferences)}", fundCurrency);
        Figure(sheet, 8, Committed, $"{InFund(Commitments)}-{InFund(Disbursements)}", fundCurrency);
        Figure(sheet, 9, Available, "B7-B8", fundCurrency);

        LedgerSheets.Heading(sheet, 11, $"Each sheet in {fundCurrency}");
        LedgerSheets.HeaderCells(sheet, 12, "Sheet", "Entries", $"In {fundCurrency}");
        foreach (var group in Groups)
        {
            var totalsOf = sheets[group.Sheet];
            var row = BySheetRow(group.Sheet);
            sheet.Cell(row, 1).Value = group.Sheet;
            sheet.Cell(row, 2).Value = totalsOf.Count;
            LedgerSheets.MoneyFormula(sheet.Cell(row, 3), totalsOf.Table.Ref(LedgerSheets.FundAmount, totalsOf.InFundCurrency), fundCurrency);
        }

        var first = BySheetRow(Groups[^1].Sheet) + 2;
        LedgerSheets.Heading(sheet, first, "Each currency in its own currency");
        LedgerSheets.HeaderCells(sheet, first + 1, LedgerSheets.Currency, "Entries", "Cash in", "Cash out", "Cash balance", "Open commitments");
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

    /// <summary>The Summary's line for a sheet in the "Each sheet" table, in the order of the sheets.</summary>
    private static int BySheetRow(string sheet) => 13 + Array.FindIndex(Groups, g => g.Sheet == sheet);

    private static void Figure(IXLWorksheet sheet, int row, string label, string formula, string currency)
    {
        sheet.Cell(row, 1).Value = label;
        LedgerSheets.MoneyFormula(sheet.Cell(row, 2), formula, currency);
        sheet.Cell(row, 2).Style.Font.Bold = true;
    }
}
