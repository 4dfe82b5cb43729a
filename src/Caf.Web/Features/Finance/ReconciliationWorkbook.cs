using Caf.Data;
using Caf.Data.Entities;
using ClosedXML.Excel;

namespace Caf.Web.Features.Finance;

/// <summary>
/// The reconciliation as a workbook: a Summary whose counts and totals are formulas over the other sheets; the bank
/// statements' entries matched to the ledger, and those unmatched on either side; the expenditure of the grants in
/// settlement against their approved amounts; the refunds due (docs/features/finance.md, "Ledgers").
/// </summary>
internal static class ReconciliationWorkbook
{
    public static string Summary => InterfaceLanguage.Text("Book.Summary");
    public static string BankMatches => InterfaceLanguage.Text("Recon.BankMatches");
    public static string UnmatchedLines => InterfaceLanguage.Text("Recon.UnmatchedLines");
    public static string UnmatchedEntries => InterfaceLanguage.Text("Recon.UnmatchedEntries");
    public static string Expenditure => InterfaceLanguage.Text("Recon.Expenditure");
    public static string Refunds => InterfaceLanguage.Text("Recon.RefundsDue");
    public const int HeaderRow = 4;

    public static string Direction => InterfaceLanguage.Text("Recon.Direction");
    public static string Credit => InterfaceLanguage.Text("Recon.Credit");
    public static string Debit => InterfaceLanguage.Text("Recon.Debit");
    public static string Status => InterfaceLanguage.Text("Recon.Status");
    public static string Confirmed => InterfaceLanguage.Text("Recon.Confirmed");
    public static string Proposed => InterfaceLanguage.Text("Recon.Proposed");
    public static string LedgerAmount => InterfaceLanguage.Text("Recon.LedgerAmount");
    public static string Line => InterfaceLanguage.Text("Recon.Line");
    public static string WholeGrant => InterfaceLanguage.Text("Recon.WholeGrant");
    public static string Flagged => InterfaceLanguage.Text("Recon.Flagged");
    public static string Yes => InterfaceLanguage.Text("Recon.Yes");
    public static string Approved => InterfaceLanguage.Text("Recon.Approved");
    public static string Spending => InterfaceLanguage.Text("Recon.Spending");
    public static string PaidNet => InterfaceLanguage.Text("Recon.PaidNet");
    public static string Variance => InterfaceLanguage.Text("Recon.Variance");
    public static string VariancePercent => InterfaceLanguage.Text("Recon.VariancePercent");
    public static string Paid => InterfaceLanguage.Text("Recon.Paid");
    public static string Accepted => InterfaceLanguage.Text("Recon.Accepted");
    public static string Received => InterfaceLanguage.Text("Recon.Received");
    public static string Waived => InterfaceLanguage.Text("Recon.Waived");
    public static string Due => InterfaceLanguage.Text("Recon.Due");

    public static string Credits(string currency) => InterfaceLanguage.Format("Recon.Credits", currency);
    public static string Debits(string currency) => InterfaceLanguage.Format("Recon.Debits", currency);
    public static string Total(string currency) => InterfaceLanguage.Format("Book.Total", currency);

    /// <summary>
    /// One row of the sheet Expenditure: a grant as a whole (its approved amount against its reported spending, what was paid
    /// net), then, under it, each line of its budget as the final report gives it (the line's budget against what was spent
    /// on it; no payment, which is the grant's). The totals add only the whole grants' rows.
    /// </summary>
    private sealed record ExpenditureRow(GrantSettlementRow Grant, string Line, Money Budget, Money? Spent, Money? PaidNet,
        Caf.Data.Finance.ExpenditureVariance? Variance);

    /// <summary>Where a sheet's total lines are, by label.</summary>
    private sealed record Totals(EntryTable Table, Dictionary<string, int> Lines)
    {
        public string Ref(string column, string line) => Table.Ref(column, Lines[line]);
    }

    public static XLWorkbook Build(ReconciliationFigures figures, DateTime generatedAtUtc)
    {
        var workbook = new XLWorkbook();
        LedgerSheets.Describe(workbook, InterfaceLanguage.Text("Recon.Title"), figures.AsOf, generatedAtUtc);
        var summary = workbook.Worksheets.Add(Summary);
        // Every bank sheet has a line per currency of any of them, the fund's first, so that the Summary's lines are the same everywhere.
        List<string> Ordered(IEnumerable<string> codes) =>
            [.. codes.Distinct().OrderBy(c => c == figures.FundCurrency ? 0 : 1).ThenBy(c => c, StringComparer.Ordinal)];
        var currencies = Ordered(figures.Matches.Select(m => m.Line.Amount.Currency).Concat(figures.UnmatchedLines.Select(l => l.Amount.Currency))
            .Concat(figures.UnmatchedEntries.Select(e => e.Currency)).Append(figures.FundCurrency));
        var grantCurrencies = Ordered(figures.Grants.Select(g => g.Currency));
        var matches = WriteMatches(workbook, figures, currencies);
        var lines = WriteUnmatchedLines(workbook, figures, currencies);
        var entries = WriteUnmatchedEntries(workbook, figures, currencies);
        var expenditure = WriteExpenditure(workbook, figures, grantCurrencies);
        var refunds = WriteRefunds(workbook, figures, grantCurrencies);
        WriteSummary(summary, figures, generatedAtUtc, currencies, grantCurrencies, matches, lines, entries, expenditure, refunds);
        return workbook;
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, string name, DateOnly asOf, string note)
    {
        var sheet = workbook.Worksheets.Add(name);
        LedgerSheets.Title(sheet, InterfaceLanguage.Format("Recon.SheetTitle", name, LedgerSheets.Iso(asOf)));
        sheet.Cell(2, 1).Value = note;
        return sheet;
    }

    private static string DirectionOf(bool isCredit) => isCredit ? Credit : Debit;

    /// <summary>A line per currency for money in and one for money out: the sum of <paramref name="column"/> (and of the fund amount, when given).</summary>
    private static Totals CreditsAndDebits(EntryTable table, IReadOnlyList<string> currencies, string column, string? fundCurrency = null)
    {
        var lines = new Dictionary<string, int>();
        foreach (var currency in currencies)
            foreach (var (label, direction) in new[] { (Credits(currency), Credit), (Debits(currency), Debit) })
            {
                (string, string, string)[] figures = [(column, table.SumIfs(column, (LedgerSheets.Currency, currency), (Direction, direction)), currency)];
                if (fundCurrency is not null)
                    figures = [.. figures, (LedgerSheets.FundAmount, table.SumIfs(LedgerSheets.FundAmount, (LedgerSheets.Currency, currency), (Direction, direction)), fundCurrency)];
                lines[label] = table.AddTotal(label, currency, figures);
            }
        return new Totals(table, lines);
    }

    /// <summary>What a statement entry says, first on the sheets of matched and of unmatched entries alike.</summary>
    private static List<SheetColumn<TRow>> StatementColumns<TRow>(Func<TRow, StatementLineRow> line) =>
    [
        new(InterfaceLanguage.Text("Recon.Statement"), 18, r => SheetValue.Of(line(r).Statement)),
        new(InterfaceLanguage.Text("Book.ValueDate"), 12, r => LedgerSheets.Date(line(r).ValueDate)),
        new(InterfaceLanguage.Text("Recon.BookingDate"), 12, r => LedgerSheets.Date(line(r).BookingDate)),
        new(InterfaceLanguage.Text("Book.BankReference"), 20, r => SheetValue.Of(line(r).BankReference)),
        new(InterfaceLanguage.Text("Recon.Text"), 40, r => SheetValue.Of(line(r).Text)),
        new(InterfaceLanguage.Text("Recon.Counterparty"), 28, r => SheetValue.Of(line(r).Counterparty)),
        new(LedgerSheets.Currency, 9, r => SheetValue.Of(line(r).Amount.Currency)),
        new(LedgerSheets.Amount, 16, r => LedgerSheets.Money(line(r).Amount.Amount, line(r).Amount.Currency)),
        new(Direction, 10, r => SheetValue.Of(DirectionOf(line(r).IsCredit))),
    ];

    private static Totals WriteMatches(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, BankMatches, figures.AsOf, InterfaceLanguage.Text("Recon.NoteMatches"));
        List<SheetColumn<BankMatchRow>> columns =
        [
            .. StatementColumns<BankMatchRow>(r => r.Line),
            new(InterfaceLanguage.Text("Recon.LedgerValueDate"), 12, r => LedgerSheets.Date(r.LedgerValueDate)),
            new(LedgerSheets.Type, 22, r => SheetValue.Of(DisplayNames.Label(r.Kind))),
            new(InterfaceLanguage.Text("Book.Grant"), 15, r => SheetValue.Of(r.Grant)),
            new(InterfaceLanguage.Text("Recon.LedgerBankReference"), 20, r => SheetValue.Of(r.LedgerBankReference)),
            new(LedgerAmount, 16, r => LedgerSheets.Money(r.LedgerAmount.Amount, r.LedgerAmount.Currency)),
            new(Status, 11, r => SheetValue.Of(r.Confirmed ? Confirmed : Proposed)),
            new(InterfaceLanguage.Text("Recon.Reason"), 40, r => SheetValue.Of(r.Reason)),
            new(InterfaceLanguage.Text("Recon.ConfirmedBy"), 22, r => SheetValue.Of(r.ConfirmedBy)),
            new(InterfaceLanguage.Text("Recon.ConfirmedAt"), 17, r => Time(r.ConfirmedAtUtc)),
        ];
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, columns, figures.Matches), currencies, LedgerAmount);
    }

    private static Totals WriteUnmatchedLines(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, UnmatchedLines, figures.AsOf, InterfaceLanguage.Text("Recon.NoteUnmatchedLines"));
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, StatementColumns<StatementLineRow>(r => r), figures.UnmatchedLines),
            currencies, LedgerSheets.Amount);
    }

    private static Totals WriteUnmatchedEntries(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, UnmatchedEntries, figures.AsOf, InterfaceLanguage.Text("Recon.NoteUnmatchedEntries"));
        var direction = new SheetColumn<LedgerRow>(Direction, 10,
            r => SheetValue.Of(DirectionOf(LedgerEntry.CashEffectOf(r.Kind, 1m) > 0)));
        // Neither a reversal nor reversed: the columns naming them would stay empty.
        var columns = LedgerSheets.EntryColumns(figures.FundCurrency, _ => 1, LedgerSheets.TypeColumn(), LedgerSheets.GrantColumn(), direction)
            .Where(c => c.Header != LedgerSheets.ReversalOf && c.Header != LedgerSheets.ReversedBy).ToList();
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, columns, figures.UnmatchedEntries), currencies, LedgerSheets.Amount,
            figures.FundCurrency);
    }

    /// <summary>A time in UTC, to the minute; nothing when there is none.</summary>
    private static SheetValue Time(DateTime? utc) => utc is { } at ? SheetValue.Of(at, LedgerSheets.TimeFormat) : SheetValue.None;

    /// <summary>The variance flag's percentage as a person writes it: "10", "7.5".</summary>
    private static string Limit(ReconciliationFigures figures) =>
        figures.VarianceFlagPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static SheetValue Percent(decimal? percent) => percent is { } value ? SheetValue.Of(value / 100m, LedgerSheets.PercentFormat) : SheetValue.None;

    private static Totals WriteExpenditure(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var limit = Limit(figures);
        var sheet = Sheet(workbook, Expenditure, figures.AsOf, InterfaceLanguage.Format("Recon.NoteExpenditure", limit));
        List<SheetColumn<ExpenditureRow>> columns =
        [
            new(InterfaceLanguage.Text("Book.Grant"), 15, r => SheetValue.Of(r.Grant.Grant)),
            new(Line, 30, r => SheetValue.Of(r.Line)),
            new(InterfaceLanguage.Text("Book.Title"), 35, r => SheetValue.Of(r.Grant.Title)),
            new(InterfaceLanguage.Text("Book.ApplicantState"), 20, r => SheetValue.Of(r.Grant.ApplicantState)),
            new(InterfaceLanguage.Text("Book.Stage"), 20, r => SheetValue.Of(r.Grant.Stage)),
            new(LedgerSheets.Currency, 9, r => SheetValue.Of(r.Grant.Currency)),
            new(Approved, 16, r => LedgerSheets.Money(r.Budget.Amount, r.Grant.Currency)),
            new(Spending, 16, r => r.Spent is { } spent ? LedgerSheets.Money(spent.Amount, r.Grant.Currency) : SheetValue.None),
            new(InterfaceLanguage.Text("Recon.SpendingFrom"), 22, r => SheetValue.Of(InterfaceLanguage.Text(r.Spent is null ? "Recon.NotYetRecorded"
                : r.Grant.SpendingFromFinalReport ? "Recon.FromFinalReport" : "Recon.AcceptedAtTermination"))),
            new(PaidNet, 16, r => r.PaidNet is { } paid ? LedgerSheets.Money(paid.Amount, r.Grant.Currency) : SheetValue.None),
            new(Variance, 16, r => r.Variance is { } v ? LedgerSheets.Money(v.Variance.Amount, r.Grant.Currency) : SheetValue.None),
            new(VariancePercent, 11, r => Percent(r.Variance?.Percent)),
            new(InterfaceLanguage.Format("Recon.FlaggedHeader", Flagged, limit), 14, r => SheetValue.Of(r.Variance?.Flagged == true ? Yes : "")),
        ];
        var rows = figures.Grants.SelectMany(g => g.Lines.Select(l => new ExpenditureRow(g, l.Description, l.Variance.Budget, l.Variance.Spent, null, l.Variance))
            .Prepend(new ExpenditureRow(g, WholeGrant, g.Approved, g.SpendingReported, g.PaidNet, g.Variance))).ToList();
        var table = LedgerSheets.WriteEntries(sheet, HeaderRow, columns, rows);
        var lines = new Dictionary<string, int>();
        foreach (var currency in currencies)
        {
            string SumOf(string column) => table.SumIfs(column, (LedgerSheets.Currency, currency), (Line, WholeGrant));
            var row = lines[Total(currency)] = table.AddTotal(Total(currency), currency,
                [.. new[] { Approved, Spending, PaidNet, Variance }.Select(column => (column, SumOf(column), currency))]);
            var (approved, variance) = ($"{table.Letter(Approved)}{row}", $"{table.Letter(Variance)}{row}");
            var percent = sheet.Cell($"{table.Letter(VariancePercent)}{row}");
            percent.FormulaA1 = $"IF({approved}=0,\"\",ROUND({variance}/{approved},4))";
            percent.Style.NumberFormat.Format = LedgerSheets.PercentFormat;
        }
        return new Totals(table, lines);
    }

    private static Totals WriteRefunds(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, Refunds, figures.AsOf, InterfaceLanguage.Text("Recon.NoteRefunds"));
        static SheetColumn<GrantSettlementRow> Amount(string header, Func<GrantSettlementRow, Money?> figure) =>
            new(header, 16, r => figure(r) is { } money ? LedgerSheets.Money(money.Amount, money.Currency) : SheetValue.None);
        List<SheetColumn<GrantSettlementRow>> columns =
        [
            new(InterfaceLanguage.Text("Book.Grant"), 15, r => SheetValue.Of(r.Grant)),
            new(InterfaceLanguage.Text("Book.Title"), 35, r => SheetValue.Of(r.Title)),
            new(InterfaceLanguage.Text("Book.ApplicantState"), 20, r => SheetValue.Of(r.ApplicantState)),
            new(InterfaceLanguage.Text("Book.Stage"), 20, r => SheetValue.Of(r.Stage)),
            new(LedgerSheets.Currency, 9, r => SheetValue.Of(r.Currency)),
            Amount(Paid, r => r.Disbursed),
            Amount(Accepted, r => r.AcceptedExpenditure),
            Amount(Received, r => r.Refunded),
            Amount(Waived, r => r.RefundWaived),
            Amount(Due, r => r.RefundDue),
            new(InterfaceLanguage.Text("Recon.WaiverReason"), 40, r => SheetValue.Of(r.RefundWaiverReason)),
            new(InterfaceLanguage.Text("Recon.WaivedAt"), 17, r => Time(r.RefundWaivedAtUtc)),
        ];
        var table = LedgerSheets.WriteEntries(sheet, HeaderRow, columns, figures.Refunds);
        var lines = new Dictionary<string, int>();
        foreach (var currency in currencies)
            lines[Total(currency)] = table.AddTotal(Total(currency), currency,
                [.. new[] { Paid, Accepted, Received, Waived, Due }.Select(column => (column, table.SumIf(LedgerSheets.Currency, currency, column), currency))]);
        return new Totals(table, lines);
    }

    private static void WriteSummary(IXLWorksheet sheet, ReconciliationFigures figures, DateTime generatedAtUtc, IReadOnlyList<string> currencies,
        List<string> grantCurrencies, Totals matches, Totals lines, Totals entries, Totals expenditure, Totals refunds)
    {
        LedgerSheets.Title(sheet, InterfaceLanguage.Text("Recon.SummaryTitle"));
        LedgerSheets.Facts(sheet, 2, figures.AsOf, figures.FundCurrency, generatedAtUtc);

        LedgerSheets.Heading(sheet, 6, InterfaceLanguage.Text("Recon.Counts"));
        var limit = Limit(figures);
        var flaggedGrants = expenditure.Table.CountIfs((Line, WholeGrant), (Flagged, Yes));
        var row = 7;
        foreach (var (label, formula) in new[]
                 {
                     (InterfaceLanguage.Text("Recon.CountConfirmed"), matches.Table.CountIf(Status, Confirmed)),
                     (InterfaceLanguage.Text("Recon.CountProposed"), matches.Table.CountIf(Status, Proposed)),
                     (UnmatchedLines, lines.Table.CountRows(LedgerSheets.Currency)),
                     (UnmatchedEntries, entries.Table.CountRows(LedgerSheets.Currency)),
                     (InterfaceLanguage.Text("Recon.CountGrants"), expenditure.Table.CountIf(Line, WholeGrant)),
                     (InterfaceLanguage.Format("Recon.CountFlaggedGrants", limit), flaggedGrants),
                     // The flagged rows that are not a whole grant's (a criterion "<>Whole grant" is not read alike everywhere).
                     (InterfaceLanguage.Format("Recon.CountFlaggedLines", limit),
                         $"{expenditure.Table.CountIf(Flagged, Yes)}-{flaggedGrants}"),
                     (InterfaceLanguage.Text("Recon.CountRefunds"), refunds.Table.CountRows(LedgerSheets.Currency)),
                 })
        {
            sheet.Cell(row, 1).Value = label;
            sheet.Cell(row++, 2).FormulaA1 = formula;
        }

        row++;
        LedgerSheets.Heading(sheet, row++, InterfaceLanguage.Text("Recon.BankHeading"));
        LedgerSheets.HeaderCells(sheet, row++, LedgerSheets.Currency, InterfaceLanguage.Text("Recon.MatchedIn"), InterfaceLanguage.Text("Recon.MatchedOut"),
            InterfaceLanguage.Text("Recon.LinesIn"), InterfaceLanguage.Text("Recon.LinesOut"), InterfaceLanguage.Text("Recon.EntriesIn"),
            InterfaceLanguage.Text("Recon.EntriesOut"));
        foreach (var currency in currencies)
        {
            sheet.Cell(row, 1).Value = currency;
            var column = 2;
            foreach (var (totals, amount) in new[] { (matches, LedgerAmount), (lines, LedgerSheets.Amount), (entries, LedgerSheets.Amount) })
                foreach (var line in new[] { Credits(currency), Debits(currency) })
                    LedgerSheets.MoneyFormula(totals.Ref(amount, line), currency).WriteTo(sheet.Cell(row, column++));
            row++;
        }

        row++;
        LedgerSheets.Heading(sheet, row++, InterfaceLanguage.Text("Recon.GrantsHeading"));
        LedgerSheets.HeaderCells(sheet, row++, LedgerSheets.Currency, Approved, Spending, Variance, PaidNet, InterfaceLanguage.Text("Recon.RefundsDueHeader"),
            InterfaceLanguage.Text("Recon.RefundsReceived"), InterfaceLanguage.Text("Recon.RefundsWaived"));
        foreach (var currency in grantCurrencies)
        {
            sheet.Cell(row, 1).Value = currency;
            var column = 2;
            foreach (var (totals, amount) in new[]
                     {
                         (expenditure, Approved), (expenditure, Spending), (expenditure, Variance), (expenditure, PaidNet),
                         (refunds, Due), (refunds, Received), (refunds, Waived),
                     })
                LedgerSheets.MoneyFormula(totals.Ref(amount, Total(currency)), currency).WriteTo(sheet.Cell(row, column++));
            row++;
        }
        if (grantCurrencies.Count == 0) sheet.Cell(row, 1).Value = InterfaceLanguage.Text("Book.None");

        sheet.Column(1).Width = 44;
        for (var c = 2; c <= 8; c++) sheet.Column(c).Width = 20;
    }
}
