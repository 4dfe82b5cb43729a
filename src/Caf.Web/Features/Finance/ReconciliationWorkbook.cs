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
    public const string Summary = "Summary";
    public const string BankMatches = "Bank matches";
    public const string UnmatchedLines = "Unmatched statement lines";
    public const string UnmatchedEntries = "Unmatched ledger entries";
    public const string Expenditure = "Expenditure";
    public const string Refunds = "Refunds due";
    public const int HeaderRow = 4;

    public const string Direction = "Direction";
    public const string Credit = "Credit";
    public const string Debit = "Debit";
    public const string Status = "Status";
    public const string Confirmed = "Confirmed";
    public const string Proposed = "Proposed";
    public const string LedgerAmount = "Ledger amount";
    public const string Line = "Line";
    public const string WholeGrant = "Whole grant";
    public const string Flagged = "Flagged";
    public const string Yes = "Yes";
    public const string Approved = "Approved";
    public const string Spending = "Reported spending";
    public const string PaidNet = "Paid net";
    public const string Variance = "Variance";
    public const string VariancePercent = "Variance %";
    public const string Paid = "Paid";
    public const string Accepted = "Accepted expenditure";
    public const string Received = "Received";
    public const string Waived = "Waived";
    public const string Due = "Due";

    public static string Credits(string currency) => $"Credits {currency}";
    public static string Debits(string currency) => $"Debits {currency}";
    public static string Total(string currency) => $"Total {currency}";

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
        LedgerSheets.Describe(workbook, "CAF reconciliation", figures.AsOf, generatedAtUtc);
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
        LedgerSheets.Title(sheet, $"{name} — reconciliation as of {LedgerSheets.Iso(asOf)}");
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
        new("Statement", 18, (c, r) => WorkbookText.Write(c, line(r).Statement)),
        new("Value date", 12, (c, r) => LedgerSheets.Date(c, line(r).ValueDate)),
        new("Booking date", 12, (c, r) => LedgerSheets.Date(c, line(r).BookingDate)),
        new("Bank reference", 20, (c, r) => WorkbookText.Write(c, line(r).BankReference)),
        new("Text", 40, (c, r) => WorkbookText.Write(c, line(r).Text)),
        new("Counterparty", 28, (c, r) => WorkbookText.Write(c, line(r).Counterparty)),
        new(LedgerSheets.Currency, 9, (c, r) => WorkbookText.Write(c, line(r).Amount.Currency)),
        new(LedgerSheets.Amount, 16, (c, r) => LedgerSheets.MoneyCell(c, line(r).Amount.Amount, line(r).Amount.Currency)),
        new(Direction, 10, (c, r) => WorkbookText.Write(c, DirectionOf(line(r).IsCredit))),
    ];

    private static Totals WriteMatches(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, BankMatches, figures.AsOf,
            "Each statement entry matched to a ledger entry, both dated on or before the as-of date: proposed by the matcher or confirmed by finance. " +
            "An entry split between ledger entries has a row for each, its amount repeated; the totals add the ledger amounts, which make up the entry's.");
        List<SheetColumn<BankMatchRow>> columns =
        [
            .. StatementColumns<BankMatchRow>(r => r.Line),
            new("Ledger value date", 12, (c, r) => LedgerSheets.Date(c, r.LedgerValueDate)),
            new(LedgerSheets.Type, 22, (c, r) => WorkbookText.Write(c, DisplayNames.Label(r.Kind))),
            new("Grant", 15, (c, r) => WorkbookText.Write(c, r.Grant)),
            new("Ledger bank reference", 20, (c, r) => WorkbookText.Write(c, r.LedgerBankReference)),
            new(LedgerAmount, 16, (c, r) => LedgerSheets.MoneyCell(c, r.LedgerAmount.Amount, r.LedgerAmount.Currency)),
            new(Status, 11, (c, r) => WorkbookText.Write(c, r.Confirmed ? Confirmed : Proposed)),
            new("Reason", 40, (c, r) => WorkbookText.Write(c, r.Reason)),
            new("Confirmed by", 22, (c, r) => WorkbookText.Write(c, r.ConfirmedBy)),
            new("Confirmed at (UTC)", 17, (c, r) => Time(c, r.ConfirmedAtUtc)),
        ];
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, columns, figures.Matches), currencies, LedgerAmount);
    }

    private static Totals WriteUnmatchedLines(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, UnmatchedLines, figures.AsOf,
            "Statement entries dated on or before the as-of date that no ledger entry dated on or before it settles, proposed or confirmed.");
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, StatementColumns<StatementLineRow>(r => r), figures.UnmatchedLines),
            currencies, LedgerSheets.Amount);
    }

    private static Totals WriteUnmatchedEntries(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var sheet = Sheet(workbook, UnmatchedEntries, figures.AsOf,
            "Ledger entries that move money at the bank (contributions, payments, refunds, bank charges) dated on or before the as-of date, " +
            "neither a reversal nor reversed by then, that no statement entry dated on or before it settles.");
        var direction = new SheetColumn<LedgerRow>(Direction, 10,
            (c, r) => WorkbookText.Write(c, DirectionOf(LedgerEntry.CashEffectOf(r.Kind, 1m) > 0)));
        // Neither a reversal nor reversed: the columns naming them would stay empty.
        var columns = LedgerSheets.EntryColumns(figures.FundCurrency, _ => 1, LedgerSheets.TypeColumn(), LedgerSheets.GrantColumn(), direction)
            .Where(c => c.Header is not (LedgerSheets.ReversalOf or LedgerSheets.ReversedBy)).ToList();
        return CreditsAndDebits(LedgerSheets.WriteEntries(sheet, HeaderRow, columns, figures.UnmatchedEntries), currencies, LedgerSheets.Amount,
            figures.FundCurrency);
    }

    /// <summary>A time in UTC, to the minute; nothing when there is none.</summary>
    private static void Time(IXLCell cell, DateTime? utc)
    {
        if (utc is not { } at) return;
        cell.Value = at;
        cell.Style.NumberFormat.Format = LedgerSheets.TimeFormat;
    }

    /// <summary>The variance flag's percentage as a person writes it: "10", "7.5".</summary>
    private static string Limit(ReconciliationFigures figures) =>
        figures.VarianceFlagPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static void Percent(IXLCell cell, decimal? percent)
    {
        if (percent is not { } value) return;
        cell.Value = value / 100m;
        cell.Style.NumberFormat.Format = LedgerSheets.PercentFormat;
    }

    private static Totals WriteExpenditure(XLWorkbook workbook, ReconciliationFigures figures, IReadOnlyList<string> currencies)
    {
        var limit = Limit(figures);
        var sheet = Sheet(workbook, Expenditure, figures.AsOf,
            $"Grants at final reconciliation or closed: the spending reported (the final report's, or what finance accepted at termination) " +
            $"against the approved amount, and what was paid net by the as-of date; under each grant, each line of its budget as the final report " +
            $"gives it, its budget against what was spent on it. Flagged when the spending differs from the approved amount or the line's budget " +
            $"by more than {limit} %, over or under. The totals add the whole grants only.");
        List<SheetColumn<ExpenditureRow>> columns =
        [
            new("Grant", 15, (c, r) => WorkbookText.Write(c, r.Grant.Grant)),
            new(Line, 30, (c, r) => WorkbookText.Write(c, r.Line)),
            new("Title", 35, (c, r) => WorkbookText.Write(c, r.Grant.Title)),
            new("Applicant state", 20, (c, r) => WorkbookText.Write(c, r.Grant.ApplicantState)),
            new("Stage", 20, (c, r) => WorkbookText.Write(c, r.Grant.Stage)),
            new(LedgerSheets.Currency, 9, (c, r) => WorkbookText.Write(c, r.Grant.Currency)),
            new(Approved, 16, (c, r) => LedgerSheets.MoneyCell(c, r.Budget.Amount, r.Grant.Currency)),
            new(Spending, 16, (c, r) => { if (r.Spent is { } spent) LedgerSheets.MoneyCell(c, spent.Amount, r.Grant.Currency); }),
            new("Spending from", 22, (c, r) => WorkbookText.Write(c, r.Spent is null ? "not yet recorded"
                : r.Grant.SpendingFromFinalReport ? "final report" : "accepted at termination")),
            new(PaidNet, 16, (c, r) => { if (r.PaidNet is { } paid) LedgerSheets.MoneyCell(c, paid.Amount, r.Grant.Currency); }),
            new(Variance, 16, (c, r) => { if (r.Variance is { } v) LedgerSheets.MoneyCell(c, v.Variance.Amount, r.Grant.Currency); }),
            new(VariancePercent, 11, (c, r) => Percent(c, r.Variance?.Percent)),
            new($"{Flagged} (more than {limit} %)", 14, (c, r) => WorkbookText.Write(c, r.Variance?.Flagged == true ? Yes : "")),
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
        var sheet = Sheet(workbook, Refunds, figures.AsOf,
            "Grants at final reconciliation or closed whose grantee owes, gave back or was let off a refund: paid by the as-of date, less the " +
            "expenditure accepted, less what was received and what was waived, is what is still due.");
        static SheetColumn<GrantSettlementRow> Amount(string header, Func<GrantSettlementRow, Money?> figure) =>
            new(header, 16, (c, r) => { if (figure(r) is { } money) LedgerSheets.MoneyCell(c, money.Amount, money.Currency); });
        List<SheetColumn<GrantSettlementRow>> columns =
        [
            new("Grant", 15, (c, r) => WorkbookText.Write(c, r.Grant)),
            new("Title", 35, (c, r) => WorkbookText.Write(c, r.Title)),
            new("Applicant state", 20, (c, r) => WorkbookText.Write(c, r.ApplicantState)),
            new("Stage", 20, (c, r) => WorkbookText.Write(c, r.Stage)),
            new(LedgerSheets.Currency, 9, (c, r) => WorkbookText.Write(c, r.Currency)),
            Amount(Paid, r => r.Disbursed),
            Amount(Accepted, r => r.AcceptedExpenditure),
            Amount(Received, r => r.Refunded),
            Amount(Waived, r => r.RefundWaived),
            Amount(Due, r => r.RefundDue),
            new("Waiver reason", 40, (c, r) => WorkbookText.Write(c, r.RefundWaiverReason)),
            new("Waived at (UTC)", 17, (c, r) => Time(c, r.RefundWaivedAtUtc)),
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
        LedgerSheets.Title(sheet, "Cooperation and Assistance Fund — reconciliation");
        LedgerSheets.Fact(sheet, 2, "As of", figures.AsOf.ToDateTime(TimeOnly.MinValue), LedgerSheets.DateFormat);
        LedgerSheets.Fact(sheet, 3, "Fund currency", figures.FundCurrency);
        LedgerSheets.Fact(sheet, 4, "Generated", $"{FundTime.DescribeWithUtc(generatedAtUtc)} by {LedgerSheets.Generator}");

        LedgerSheets.Heading(sheet, 6, "Counts");
        var limit = Limit(figures);
        var flaggedGrants = expenditure.Table.CountIfs((Line, WholeGrant), (Flagged, Yes));
        var row = 7;
        foreach (var (label, formula) in new[]
                 {
                     ("Bank matches confirmed", matches.Table.CountIf(Status, Confirmed)),
                     ("Bank matches proposed, not yet confirmed", matches.Table.CountIf(Status, Proposed)),
                     (UnmatchedLines, lines.Table.CountRows(LedgerSheets.Currency)),
                     (UnmatchedEntries, entries.Table.CountRows(LedgerSheets.Currency)),
                     ("Grants at final reconciliation or closed", expenditure.Table.CountIf(Line, WholeGrant)),
                     ($"Grants whose spending differs from the approved amount by more than {limit} %", flaggedGrants),
                     // The flagged rows that are not a whole grant's (a criterion "<>Whole grant" is not read alike everywhere).
                     ($"Budget lines whose spending differs from their budget by more than {limit} %",
                         $"{expenditure.Table.CountIf(Flagged, Yes)}-{flaggedGrants}"),
                     ("Grants with a refund due, received or waived", refunds.Table.CountRows(LedgerSheets.Currency)),
                 })
        {
            sheet.Cell(row, 1).Value = label;
            sheet.Cell(row++, 2).FormulaA1 = formula;
        }

        row++;
        LedgerSheets.Heading(sheet, row++, "The bank and the ledger, each currency in its own currency");
        LedgerSheets.HeaderCells(sheet, row++, LedgerSheets.Currency, "Matched, in", "Matched, out", "Statement lines unmatched, in",
            "Statement lines unmatched, out", "Ledger entries unmatched, in", "Ledger entries unmatched, out");
        foreach (var currency in currencies)
        {
            sheet.Cell(row, 1).Value = currency;
            var column = 2;
            foreach (var (totals, amount) in new[] { (matches, LedgerAmount), (lines, LedgerSheets.Amount), (entries, LedgerSheets.Amount) })
                foreach (var line in new[] { Credits(currency), Debits(currency) })
                    LedgerSheets.MoneyFormula(sheet.Cell(row, column++), totals.Ref(amount, line), currency);
            row++;
        }

        row++;
        LedgerSheets.Heading(sheet, row++, "Grants at final reconciliation or closed, each currency in its own currency");
        LedgerSheets.HeaderCells(sheet, row++, LedgerSheets.Currency, Approved, Spending, Variance, PaidNet, $"Refunds {Due.ToLowerInvariant()}",
            $"Refunds {Received.ToLowerInvariant()}", $"Refunds {Waived.ToLowerInvariant()}");
        foreach (var currency in grantCurrencies)
        {
            sheet.Cell(row, 1).Value = currency;
            var column = 2;
            foreach (var (totals, amount) in new[]
                     {
                         (expenditure, Approved), (expenditure, Spending), (expenditure, Variance), (expenditure, PaidNet),
                         (refunds, Due), (refunds, Received), (refunds, Waived),
                     })
                LedgerSheets.MoneyFormula(sheet.Cell(row, column++), totals.Ref(amount, Total(currency)), currency);
            row++;
        }
        if (grantCurrencies.Count == 0) sheet.Cell(row, 1).Value = "None.";

        sheet.Column(1).Width = 44;
        for (var c = 2; c <= 8; c++) sheet.Column(c).Width = 20;
    }
}
