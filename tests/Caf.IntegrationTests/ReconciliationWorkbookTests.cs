using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance.Statements;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Caf.Workflows.Engine;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Caf.IntegrationTests.Infrastructure.WorkbookAssert;

namespace Caf.IntegrationTests;

/// <summary>
/// The reconciliation workbook from the fund ledger page, read back and checked figure by figure against the database, as
/// of today and of yesterday: bank matches (confirmed, proposed, a split), statement lines and ledger entries unmatched,
/// the expenditure of grants in settlement with their variances, refunds due, received and waived (docs/features/finance.md,
/// "Ledgers").
/// </summary>
public abstract class ReconciliationWorkbookTests(CafAppFactory factory)
{
    private const int HeaderRow = Caf.Web.Features.Finance.ReconciliationWorkbook.HeaderRow;
    private static readonly LedgerEntryKind[] BankKinds = [LedgerEntryKind.Disbursement, LedgerEntryKind.Refund, LedgerEntryKind.Contribution, LedgerEntryKind.BankCharge];
    private readonly GrantJourney _journey = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    /// <summary>Everything the workbook is made from, read whole, to work out each sheet's figures apart from the application's queries.</summary>
    private sealed record Database(List<StatementMatch> Matches, Dictionary<Guid, StatementEntry> Lines, Dictionary<Guid, string> Statements,
        Dictionary<Guid, LedgerEntry> Entries, Dictionary<string, string> Users, Dictionary<Guid, string> References, List<GrantApplication> Settling,
        Dictionary<Guid, string> Stages);

    private Task<Database> ReadDatabaseAsync() => factory.WithDbAsync(async db =>
    {
        var registry = factory.Services.GetRequiredService<WorkflowRegistry>();
        var settling = await db.Applications.WithGraph().AsNoTracking()
            .Where(a => a.Workflow!.Stage == GrantStages.FinalReconciliation || a.Workflow.Stage == GrantStages.Closed).ToListAsync();
        return new Database(await db.StatementMatches.AsNoTracking().ToListAsync(), await db.StatementEntries.AsNoTracking().ToDictionaryAsync(s => s.Id),
            await db.BankStatements.ToDictionaryAsync(s => s.Id, s => s.BankStatementId), await db.LedgerEntries.AsNoTracking().ToDictionaryAsync(e => e.Id),
            await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName),
            await db.Applications.Where(a => a.Reference != null).ToDictionaryAsync(a => a.Id, a => a.Reference!), settling,
            settling.ToDictionary(a => a.Id, a => registry.Get(a.Workflow!.DefinitionId, a.Workflow.DefinitionVersion).StageLabel(a.Stage)));
    });

    [Fact]
    public async Task The_reconciliation_workbook_has_every_match_unmatched_line_variance_and_refund_as_of_its_date_equal_to_the_database()
    {
        await factory.ResetAsync();
        var grants = await new ReconciliationScenario(factory).BuildAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, page) = await finance.GetAsync("/Finance/Ledger");
        Assert.Contains($"href=\"/Finance/Ledger?handler=Reconciliation&amp;AsOf={Iso(Today)}\"", page);
        var database = await ReadDatabaseAsync();

        // Today, everything; yesterday, only the account fee and the seed's contributions, and no payment yet to the grants.
        foreach (var asOf in new[] { Today, Today.AddDays(-1) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/Finance/Ledger?handler=Reconciliation&AsOf={Iso(asOf)}");
            request.Headers.Add(SqlCommandCounter.Header, $"reconciliation-{Iso(asOf)}");
            using var download = await finance.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal($"caf-reconciliation-{Iso(asOf)}.xlsx", download.Content.Headers.ContentDisposition?.FileNameStar);
            // Measured 8 on SQLite, 9 on PostgreSQL (matches, unmatched lines, unmatched entries, three for the grants, the audit
            // record, the session's), whatever the number of rows: one query per row would pass 10 here.
            Assert.InRange(factory.SqlCommands.CountOf($"reconciliation-{Iso(asOf)}"), 1, 10);
            using var workbook = new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
            AssertWorkbook(workbook, database, asOf);
        }

        // Today's figures, as the scenario made them and as each grant's own rules give them.
        using (var today = await DownloadAsync(finance, Today))
        {
            var matches = today.Worksheet("Bank matches");
            Assert.Equal((3m, 2m), (Figure(today.Worksheet("Summary"), "Bank matches confirmed", 2),
                Figure(today.Worksheet("Summary"), "Bank matches proposed, not yet confirmed", 2)));
            Assert.Equal(2, Rows(matches, 5).Count(r => r["Bank reference"].GetString() == "BK-SPLIT" && r["Status"].GetString() == "Confirmed"));
            var refunds = Rows(today.Worksheet("Refunds due"), 2).ToDictionary(r => r["Grant"].GetString());
            var (refunding, waived) = (database.References[grants.Refunding], database.References[grants.Waived]);
            Assert.Equal((1_600m, 1_200m, 150m, 0m, 250m), Figures(refunds[refunding], "Paid", "Accepted expenditure", "Received", "Waived", "Due"));
            Assert.Equal((1_600m, 1_520m, 0m, 80m, 0m), Figures(refunds[waived], "Paid", "Accepted expenditure", "Received", "Waived", "Due"));
            Assert.Equal("Recovery would cost more.", refunds[waived]["Waiver reason"].GetString());
            var expenditure = Rows(today.Worksheet("Expenditure"), 3).Where(r => r["Line"].GetString() == "Whole grant").ToDictionary(r => r["Grant"].GetString());
            Assert.Equal((-800m, -0.4m, "Yes"), (expenditure[refunding]["Variance"].GetValue<decimal>(), expenditure[refunding]["Variance %"].GetValue<decimal>(),
                expenditure[refunding]["Flagged (more than 10 %)"].GetString()));
            Assert.Equal(("accepted at termination", -480m, -0.24m), (expenditure[waived]["Spending from"].GetString(),
                expenditure[waived]["Variance"].GetValue<decimal>(), expenditure[waived]["Variance %"].GetValue<decimal>()));
        }

        var audited = await factory.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "reconciliation.exported").ToListAsync());
        Assert.Equal(3, audited.Count);
        Assert.All(audited, e => Assert.Equal(GrantJourney.Finance, e.UserName));
    }

    [Fact]
    public async Task A_bank_text_that_a_spreadsheet_would_take_for_a_formula_is_written_as_text_marked_with_the_quote_prefix()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (reference, remittance, counterparty) = ("-5+5", "=HYPERLINK(\"https://evil.example/\",\"Invoice\")", "@SUM(A1:A9)");
        var day = Iso(Today);
        var csv = "statement_id,booking_date,value_date,amount,currency,direction,reference,remittance,counterparty\r\n" +
                  $"INJ-1,{day},{day},42.00,CHF,debit,{reference},\"{remittance.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{counterparty}\r\n" +
                  $"INJ-1,{day},{day},43.00,CHF,debit,+41227309311,plain text,Plain Bank\r\n";
        using (var import = await finance.PostMultipartAsync("/Finance/Statements", [], "Upload", "inj.csv", System.Text.Encoding.UTF8.GetBytes(csv),
                   "text/csv", "Import"))
            Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);

        using var workbook = await DownloadAsync(finance, Today);
        var rows = Rows(workbook.Worksheet("Unmatched statement lines"), 2);
        var formulaLike = rows.Single(r => r["Amount"].GetValue<decimal>() == 42m);
        foreach (var (header, text) in new[] { ("Bank reference", reference), ("Text", remittance), ("Counterparty", counterparty) })
        {
            var cell = formulaLike[header];
            Assert.Equal((XLDataType.Text, text, false), (cell.DataType, cell.GetString(), cell.HasFormula));
            Assert.True(cell.Style.IncludeQuotePrefix, $"{header} '{text}' is not marked as text");
        }
        var plain = rows.Single(r => r["Amount"].GetValue<decimal>() == 43m);
        Assert.Equal((XLDataType.Text, "+41227309311", true), (plain["Bank reference"].DataType, plain["Bank reference"].GetString(),
            plain["Bank reference"].Style.IncludeQuotePrefix));
        Assert.False(plain["Text"].Style.IncludeQuotePrefix);
    }

    private static async Task<XLWorkbook> DownloadAsync(CafSession session, DateOnly asOf)
    {
        using var download = await session.Client.GetAsync($"/Finance/Ledger?handler=Reconciliation&AsOf={Iso(asOf)}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return new XLWorkbook(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
    }

    private static (decimal, decimal, decimal, decimal, decimal) Figures(Dictionary<string, IXLCell> row, params string[] headers) =>
        (row[headers[0]].GetValue<decimal>(), row[headers[1]].GetValue<decimal>(), row[headers[2]].GetValue<decimal>(), row[headers[3]].GetValue<decimal>(),
            row[headers[4]].GetValue<decimal>());

    /// <summary>
    /// The <paramref name="count"/> rows under the frozen heading, each a cell per heading; the line after them must be the
    /// first total line (its label in the first column starts with "Credits" or "Total"), so that no row is left unread.
    /// </summary>
    private static List<Dictionary<string, IXLCell>> Rows(IXLWorksheet sheet, int count)
    {
        var columns = Columns(sheet);
        var rows = Enumerable.Range(sheet.SheetView.SplitRow + 1, count)
            .Select(row => columns.ToDictionary(c => c.Key, c => sheet.Cell(row, c.Value))).ToList();
        var after = sheet.Cell(sheet.SheetView.SplitRow + count + 1, 1).GetString();
        Assert.True(after.StartsWith("Credits ", StringComparison.Ordinal) || after.StartsWith("Total ", StringComparison.Ordinal),
            $"{sheet.Name} has another row after its {count}: '{after}'");
        return rows;
    }

    private static void Money(IXLCell cell, Money expected)
    {
        Assert.Equal(expected.Amount, cell.GetValue<decimal>());
        Assert.Contains($"\"{expected.Currency}\"", cell.Style.NumberFormat.Format);
    }

    private static void Date(IXLCell cell, DateOnly expected) => Assert.Equal(expected.ToDateTime(TimeOnly.MinValue), cell.GetDateTime());

    private void AssertWorkbook(XLWorkbook workbook, Database db, DateOnly asOf)
    {
        Assert.Equal(["Summary", "Bank matches", "Unmatched statement lines", "Unmatched ledger entries", "Expenditure", "Refunds due"],
            workbook.Worksheets.Select(s => s.Name));
        Described(workbook, asOf, factory.Clock.GetUtcNow().UtcDateTime);
        foreach (var sheet in workbook.Worksheets.Skip(1))
        {
            Assert.Equal(HeaderRow, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, $"{sheet.Name} has no auto-filter");
        }

        // As of the date: a match when both its statement entry and its ledger entry are dated on or before it.
        var matches = db.Matches.Where(m => db.Lines[m.StatementEntryId].ValueDate <= asOf && db.Entries[m.LedgerEntryId].ValueDate <= asOf).ToList();
        var lines = db.Lines.Values.Where(s => s.ValueDate <= asOf && matches.All(m => m.StatementEntryId != s.Id)).ToList();
        var entries = db.Entries.Values.Where(e => BankKinds.Contains(e.Kind) && e.ReversesEntryId is null && e.ValueDate <= asOf
                                                   && !db.Entries.Values.Any(r => r.ReversesEntryId == e.Id && r.ValueDate <= asOf)
                                                   && matches.All(m => m.LedgerEntryId != e.Id)).ToList();
        if (asOf == Today) Assert.All(new[] { matches.Count, lines.Count, entries.Count }, count => Assert.True(count > 0, "every bank sheet has rows"));
        string? Grant(LedgerEntry e) => e.ApplicationId is { } id ? db.References[id] : null;
        static string Direction(bool credit) => credit ? "Credit" : "Debit";
        static bool IsCredit(LedgerEntryKind kind) => kind is LedgerEntryKind.Refund or LedgerEntryKind.Contribution;

        var matchSheet = workbook.Worksheet("Bank matches");
        var matchRows = Rows(matchSheet, matches.Count);
        foreach (var m in matches)
        {
            var (s, e) = (db.Lines[m.StatementEntryId], db.Entries[m.LedgerEntryId]);
            var row = Assert.Single(matchRows, r => r["Bank reference"].GetString() == s.Reference && r["Ledger bank reference"].GetString() == (e.BankReference ?? "")
                                                    && r["Ledger amount"].GetValue<decimal>() == e.Amount.Amount && r["Grant"].GetString() == (Grant(e) ?? ""));
            Assert.Equal(db.Statements[s.StatementId], row["Statement"].GetString());
            Date(row["Value date"], s.ValueDate);
            Date(row["Booking date"], s.BookingDate);
            Assert.Equal((s.Remittance ?? "", s.Counterparty ?? "", s.Amount.Currency, Direction(s.IsCredit)),
                (row["Text"].GetString(), row["Counterparty"].GetString(), row["Currency"].GetString(), row["Direction"].GetString()));
            Money(row["Amount"], s.Amount);
            Date(row["Ledger value date"], e.ValueDate);
            Assert.Equal(DisplayNames.Label(e.Kind), row["Type"].GetString());
            Money(row["Ledger amount"], e.Amount);
            Assert.Equal((m.Confirmed ? "Confirmed" : "Proposed", m.Reason, m.ConfirmedByUserId is { } who ? db.Users[who] : ""),
                (row["Status"].GetString(), row["Reason"].GetString(), row["Confirmed by"].GetString()));
            if (m.ConfirmedAtUtc is { } at) Assert.Equal(at, row["Confirmed at (UTC)"].GetDateTime(), TimeSpan.FromSeconds(1));
            else Assert.True(row["Confirmed at (UTC)"].IsEmpty());
        }

        var lineSheet = workbook.Worksheet("Unmatched statement lines");
        var lineRows = Rows(lineSheet, lines.Count);
        foreach (var s in lines)
        {
            var row = Assert.Single(lineRows, r => r["Bank reference"].GetString() == s.Reference);
            Assert.Equal((db.Statements[s.StatementId], s.Remittance ?? "", s.Counterparty ?? "", s.Amount.Currency, Direction(s.IsCredit)),
                (row["Statement"].GetString(), row["Text"].GetString(), row["Counterparty"].GetString(), row["Currency"].GetString(), row["Direction"].GetString()));
            Date(row["Value date"], s.ValueDate);
            Date(row["Booking date"], s.BookingDate);
            Money(row["Amount"], s.Amount);
        }

        var entrySheet = workbook.Worksheet("Unmatched ledger entries");
        var entryRows = Rows(entrySheet, entries.Count);
        foreach (var e in entries)
        {
            var row = Assert.Single(entryRows, r => r["Description"].GetString() == e.Description && r["Value date"].GetDateTime() == e.ValueDate.ToDateTime(TimeOnly.MinValue)
                                                    && r["Amount"].GetValue<decimal>() == e.Amount.Amount);
            Assert.Equal((DisplayNames.Label(e.Kind), Grant(e) ?? "", Direction(IsCredit(e.Kind)), e.BankReference ?? "", e.Amount.Currency, e.RateSource),
                (row["Type"].GetString(), row["Grant"].GetString(), row["Direction"].GetString(), row["Bank reference"].GetString(), row["Currency"].GetString(),
                    row["Rate source"].GetString()));
            Money(row["Amount"], e.Amount);
            Money(row["Fund amount (CHF)"], e.FundAmount);
            Assert.Equal(e.Rate, row["Rate"].GetValue<decimal>());
            Date(row["Rate date"], e.RateDate);
        }
        Assert.False(Columns(entrySheet).ContainsKey("Reversal of"));

        // Money in and out per currency on each bank sheet, the Summary's lines over them.
        var currencies = matches.Select(m => db.Lines[m.StatementEntryId].Amount.Currency).Concat(lines.Select(l => l.Amount.Currency))
            .Concat(entries.Select(e => e.Amount.Currency)).Append("CHF").Distinct().ToList();
        Assert.Equal(["CHF"], currencies);
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(asOf.ToDateTime(TimeOnly.MinValue), summary.Cell(2, 2).GetDateTime());
        var bankRow = Line(summary, "The bank and the ledger, each currency in its own currency") + 2;
        foreach (var currency in currencies)
        {
            decimal MatchedIn(bool credit) => matches.Where(m => db.Lines[m.StatementEntryId].IsCredit == credit && db.Entries[m.LedgerEntryId].Amount.Currency == currency)
                .Sum(m => db.Entries[m.LedgerEntryId].Amount.Amount);
            decimal LinesIn(bool credit) => lines.Where(s => s.IsCredit == credit && s.Amount.Currency == currency).Sum(s => s.Amount.Amount);
            IEnumerable<LedgerEntry> EntriesIn(bool credit) => entries.Where(e => IsCredit(e.Kind) == credit && e.Amount.Currency == currency);
            Assert.Equal(currency, summary.Cell(bankRow, 1).GetString());
            var column = 2;
            foreach (var (sheet, label, header, expected) in new[]
                     {
                         (matchSheet, $"Credits {currency}", "Ledger amount", MatchedIn(true)), (matchSheet, $"Debits {currency}", "Ledger amount", MatchedIn(false)),
                         (lineSheet, $"Credits {currency}", "Amount", LinesIn(true)), (lineSheet, $"Debits {currency}", "Amount", LinesIn(false)),
                         (entrySheet, $"Credits {currency}", "Amount", EntriesIn(true).Sum(e => e.Amount.Amount)),
                         (entrySheet, $"Debits {currency}", "Amount", EntriesIn(false).Sum(e => e.Amount.Amount)),
                     })
            {
                Total(sheet, label, header, expected, currency);
                Assert.True(summary.Cell(bankRow, column).HasFormula, $"Summary {summary.Cell(bankRow, column).Address} is not a formula");
                Assert.Equal(expected, summary.Cell(bankRow, column++).GetValue<decimal>());
            }
            Total(entrySheet, $"Credits {currency}", "Fund amount (CHF)", EntriesIn(true).Sum(e => e.FundAmount.Amount));
            Total(entrySheet, $"Debits {currency}", "Fund amount (CHF)", EntriesIn(false).Sum(e => e.FundAmount.Amount));
            bankRow++;
        }
        // The split statement entry's ledger amounts make up its amount: matched money equals the matched entries' amounts.
        Assert.Equal(matches.Select(m => m.StatementEntryId).Distinct().Sum(id => db.Lines[id].Amount.Amount),
            matches.Sum(m => db.Entries[m.LedgerEntryId].Amount.Amount));

        var settlement = AssertSettlement(workbook, db, asOf);
        var counts = new (string Label, int Count)[]
        {
            ("Bank matches confirmed", matches.Count(m => m.Confirmed)), ("Bank matches proposed, not yet confirmed", matches.Count(m => !m.Confirmed)),
            ("Unmatched statement lines", lines.Count), ("Unmatched ledger entries", entries.Count),
            ("Grants at final reconciliation or closed", settlement.Grants), ("Grants whose spending differs from the approved amount by more than 10 %", settlement.Flagged),
            ("Budget lines whose spending differs from their budget by more than 10 %", settlement.FlaggedLines),
            ("Grants with a refund due, received or waived", settlement.Refunds),
        };
        foreach (var (label, count) in counts)
        {
            Assert.True(Cell(summary, label, 2).HasFormula, $"Summary {label} is not a formula");
            Assert.Equal(count, Figure(summary, label, 2));
        }
    }

    /// <summary>A grant's settlement worked out from the database as of a date: ADR 0024's arithmetic, written again as the test's own.</summary>
    private sealed record Settlement(GrantApplication Grant, decimal Approved, decimal Spent, decimal Paid, decimal Refunded, decimal Waived, decimal Accepted)
    {
        public decimal PaidNet => Paid - Refunded;
        public decimal Due => Math.Max(0m, Paid - Refunded - Accepted - Waived);
        public decimal Variance => Spent - Approved;
        public bool Flagged => Math.Abs(Variance) * 100 > 10 * Approved;
    }

    /// <summary>
    /// The sheets Expenditure and Refunds due: each grant at final reconciliation or closed, its payments and refunds up to the
    /// date, checked against its own rules today, and under it each budget line of its final report; their totals (the whole
    /// grants only) and the Summary's. Returns the counts the Summary gives.
    /// </summary>
    private static (int Grants, int Flagged, int FlaggedLines, int Refunds) AssertSettlement(XLWorkbook workbook, Database db, DateOnly asOf)
    {
        Assert.Equal(2, db.Settling.Count);
        decimal Sum(GrantApplication a, LedgerEntryKind kind) =>
            db.Entries.Values.Where(e => e.ApplicationId == a.Id && e.Kind == kind && e.ValueDate <= asOf).Sum(e => e.Sign * e.Amount.Amount);
        var figures = db.Settling.Select(a =>
        {
            var (approved, spent) = (a.ApprovedAmountValue!.Value, a.SpendingReported!.Value.Amount);
            var (paid, refunded, waived) = (Sum(a, LedgerEntryKind.Disbursement), Sum(a, LedgerEntryKind.Refund), a.RefundWaivedValue ?? 0m);
            var settlement = new Settlement(a, approved, spent, paid, refunded, waived, Math.Min(spent, approved));
            // With every entry up to the date, the grant's own figures are these.
            if (db.Entries.Values.All(e => e.ValueDate <= asOf))
                Assert.Equal((a.Disbursed.Amount, a.Refunded.Amount, a.PaidNet.Amount, a.AcceptedExpenditure!.Value.Amount, a.RefundDue.Amount),
                    (paid, refunded, settlement.PaidNet, settlement.Accepted, settlement.Due));
            return settlement;
        }).ToList();

        // The final report's lines, as the database holds them: what was budgeted for each and spent on it.
        var budgetLines = figures.SelectMany(f => (f.Grant.AcceptedReport?.Lines ?? []).OrderBy(l => l.Position).Select((l, i) => (f.Grant, Line: l, Place: i + 1)))
            .ToList();
        Assert.Equal(["Flights"], budgetLines.Select(l => l.Line.Description));
        var expenditure = workbook.Worksheet("Expenditure");
        var rows = Rows(expenditure, figures.Count + budgetLines.Count);
        foreach (var f in figures)
        {
            var row = Assert.Single(rows, r => r["Grant"].GetString() == f.Grant.Reference && r["Line"].GetString() == "Whole grant");
            Assert.Equal(("Whole grant", f.Grant.Title, f.Grant.ApplicantState!.Name, db.Stages[f.Grant.Id], "CHF", f.Flagged ? "Yes" : ""),
                (row["Line"].GetString(), row["Title"].GetString(), row["Applicant state"].GetString(), row["Stage"].GetString(), row["Currency"].GetString(),
                    row["Flagged (more than 10 %)"].GetString()));
            Assert.Equal(f.Grant.ReportedExpenditure is null ? "accepted at termination" : "final report", row["Spending from"].GetString());
            Money(row["Approved"], new Money(f.Approved, "CHF"));
            Money(row["Reported spending"], new Money(f.Spent, "CHF"));
            Money(row["Paid net"], new Money(f.PaidNet, "CHF"));
            Money(row["Variance"], new Money(f.Variance, "CHF"));
            Assert.Equal(Math.Round(f.Variance / f.Approved, 4), row["Variance %"].GetValue<decimal>());
            Assert.Equal("0.00%", row["Variance %"].Style.NumberFormat.Format);
        }
        foreach (var (grant, line, place) in budgetLines)
        {
            var row = Assert.Single(rows, r => r["Grant"].GetString() == grant.Reference && r["Line"].GetString() == line.Description);
            var whole = rows.Single(r => r["Grant"].GetString() == grant.Reference && r["Line"].GetString() == "Whole grant");
            Assert.Equal(whole["Grant"].Address.RowNumber + place, row["Grant"].Address.RowNumber);
            var variance = line.Actual - line.Budgeted;
            var flagged = Math.Abs(variance) * 100 > 10 * line.Budgeted;
            Assert.Equal((grant.Title, grant.ApplicantState!.Name, db.Stages[grant.Id], "CHF", "final report", flagged ? "Yes" : ""),
                (row["Title"].GetString(), row["Applicant state"].GetString(), row["Stage"].GetString(), row["Currency"].GetString(),
                    row["Spending from"].GetString(), row["Flagged (more than 10 %)"].GetString()));
            Money(row["Approved"], new Money(line.Budgeted, "CHF"));
            Money(row["Reported spending"], new Money(line.Actual, "CHF"));
            Money(row["Variance"], new Money(variance, "CHF"));
            Assert.Equal(Math.Round(variance / line.Budgeted, 4), row["Variance %"].GetValue<decimal>());
            Assert.True(row["Paid net"].IsEmpty(), "a budget line has no payment of its own");
        }
        // The totals add the whole grants only, as the Summary does.
        Total(expenditure, "Total CHF", "Approved", figures.Sum(f => f.Approved));
        Total(expenditure, "Total CHF", "Reported spending", figures.Sum(f => f.Spent));
        Total(expenditure, "Total CHF", "Paid net", figures.Sum(f => f.PaidNet));
        Total(expenditure, "Total CHF", "Variance", figures.Sum(f => f.Variance));
        Assert.Equal(Math.Round(figures.Sum(f => f.Variance) / figures.Sum(f => f.Approved), 4),
            Cell(expenditure, "Total CHF", Columns(expenditure)["Variance %"]).GetValue<decimal>());

        var refunds = workbook.Worksheet("Refunds due");
        var withRefund = figures.Where(f => f.Due > 0 || f.Refunded > 0 || f.Waived > 0).ToList();
        var refundRows = Rows(refunds, withRefund.Count);
        foreach (var f in withRefund)
        {
            var row = Assert.Single(refundRows, r => r["Grant"].GetString() == f.Grant.Reference);
            foreach (var (header, amount) in new (string, Func<Settlement, decimal>)[]
                     {
                         ("Paid", f => f.Paid), ("Accepted expenditure", f => f.Accepted), ("Received", f => f.Refunded), ("Waived", f => f.Waived), ("Due", f => f.Due),
                     })
                Money(row[header], new Money(amount(f), "CHF"));
            Assert.Equal(f.Grant.RefundWaiverReason ?? "", row["Waiver reason"].GetString());
        }
        foreach (var (header, amount) in new (string, Func<Settlement, decimal>)[]
                 {
                     ("Paid", f => f.Paid), ("Accepted expenditure", f => f.Accepted), ("Received", f => f.Refunded), ("Waived", f => f.Waived), ("Due", f => f.Due),
                 })
            Total(refunds, "Total CHF", header, withRefund.Sum(amount));

        var summary = workbook.Worksheet("Summary");
        var grantRow = Line(summary, "Grants at final reconciliation or closed, each currency in its own currency") + 2;
        Assert.Equal("CHF", summary.Cell(grantRow, 1).GetString());
        decimal[] expected = [figures.Sum(f => f.Approved), figures.Sum(f => f.Spent), figures.Sum(f => f.Variance), figures.Sum(f => f.PaidNet),
            withRefund.Sum(f => f.Due), withRefund.Sum(f => f.Refunded), withRefund.Sum(f => f.Waived)];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(summary.Cell(grantRow, i + 2).HasFormula);
            Assert.Equal(expected[i], summary.Cell(grantRow, i + 2).GetValue<decimal>());
        }
        return (figures.Count, figures.Count(f => f.Flagged),
            budgetLines.Count(l => Math.Abs(l.Line.Actual - l.Line.Budgeted) * 100 > 10 * l.Line.Budgeted), withRefund.Count);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteReconciliationWorkbookTests(SqliteAppFactory factory) : ReconciliationWorkbookTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresReconciliationWorkbookTests(PostgresAppFactory factory) : ReconciliationWorkbookTests(factory);
