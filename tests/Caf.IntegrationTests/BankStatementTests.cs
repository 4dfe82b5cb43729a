using System.Net;
using System.Text;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Bank statements through the page (docs/features/bank-statements.md): camt.053 .001.04 and .001.08 and CSV statements
/// are matched to the ledger; importing again adds nothing; a malformed file imports nothing and names its fault; finance
/// confirms, rejects and matches by hand.
/// </summary>
public abstract class BankStatementTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    private static async Task<(HttpStatusCode Status, string Html)> ImportAsync(CafSession finance, string name, byte[] file)
    {
        using var response = await finance.PostMultipartAsync("/Finance/Statements", [], "Upload", name, file,
            name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/xml", "Import");
        if (response.StatusCode != HttpStatusCode.Redirect) return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        // Imported: the page it sends back to says what was done.
        var (status, html) = await finance.GetAsync("/Finance/Statements");
        return (status, WebUtility.HtmlDecode(html));
    }

    private Task<(int Statements, int Entries, int Proposed, int Confirmed)> CountsAsync() => factory.WithDbAsync(async db => (
        await db.BankStatements.CountAsync(), await db.StatementEntries.CountAsync(),
        await db.StatementMatches.CountAsync(m => !m.Confirmed), await db.StatementMatches.CountAsync(m => m.Confirmed)));

    /// <summary>The ledger entry a statement entry was matched to, by the statement entry's bank reference.</summary>
    private Task<LedgerEntry?> MatchedAsync(string bankReference) => factory.WithDbAsync(db =>
        (from m in db.StatementMatches
         join s in db.StatementEntries on m.StatementEntryId equals s.Id
         join e in db.LedgerEntries on m.LedgerEntryId equals e.Id
         where s.Reference == bankReference
         select e).SingleOrDefaultAsync());

    [Theory]
    [InlineData("04")]
    [InlineData("08")]
    public async Task A_camt_053_statement_is_matched_to_the_ledger_and_importing_it_again_adds_nothing(string version)
    {
        await factory.ResetAsync();
        var grant = await _scenario.ActiveGrantAsync(Today.AddDays(30)); // CHF 1,600 paid today, bank reference T1
        var reference = await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == grant).Select(a => a.Reference!).SingleAsync());
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var file = CamtStatements.Build(version, $"STMT-{version}-1",
            new CamtLine(150_000m, true, Today.AddDays(-59), "260101NO1", "Contribution NO-2026-001 Norway"),
            new CamtLine(1_600m, false, Today, "260102CH2", $"{reference} T1 first tranche"),
            new CamtLine(12.50m, false, Today, "260102CH3", "Account fee"));

        var (status, html) = await ImportAsync(finance, $"statement-{version}.xml", file);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Imported 1 statement(s): 3 new entries, 0 already imported, 0 not yet booked left out; 2 matches proposed.", html);
        Assert.Equal((1, 3, 2, 0), await CountsAsync());
        Assert.Equal("Norway", (await MatchedAsync("260101NO1"))!.Donor);
        Assert.Equal((grant, LedgerEntryKind.Disbursement), ((await MatchedAsync("260102CH2"))!.ApplicationId!.Value, (await MatchedAsync("260102CH2"))!.Kind));
        Assert.Contains("Account fee", html); // unmatched, listed
        Assert.Equal(version == "08" ? "camt.053.001.08" : "camt.053.001.04",
            await factory.WithDbAsync(db => db.BankStatements.Select(s => s.Format).SingleAsync()));

        var (_, again) = await ImportAsync(finance, $"statement-{version}.xml", file);
        Assert.Contains("0 new entries, 3 already imported", again);
        Assert.Equal((1, 3, 2, 0), await CountsAsync());
    }

    [Fact]
    public async Task A_csv_statement_is_matched_and_finance_confirms_rejects_and_matches_by_hand()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (swiss45, norway60) = (CamtStatements.Day(Today.AddDays(-45)), CamtStatements.Day(Today.AddDays(-60)));
        var csv = "statement_id,account,booking_date,value_date,amount,currency,direction,reference,remittance,counterparty\r\n" +
                  $"CSV-2026-1,CH9300762011623852957,{swiss45},{swiss45},100000.00,CHF,credit,BK-1,CH-2026-014,Swiss Confederation\r\n" +
                  $"CSV-2026-1,CH9300762011623852957,{norway60},{norway60},150000.00,CHF,credit,BK-2,gift,Kingdom of Norway\r\n";

        var (_, html) = await ImportAsync(finance, "statement.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Contains("2 new entries", html);
        Assert.Equal((1, 2, 2, 0), await CountsAsync());
        var swiss = await factory.WithDbAsync(db => db.StatementMatches.Where(m => !m.Confirmed)
            .Join(db.StatementEntries.Where(s => s.Reference == "BK-1"), m => m.StatementEntryId, s => s.Id, (m, _) => m.Id).SingleAsync());
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Statements", new() { ["MatchId"] = swiss.ToString() }, "Confirm"), "confirm");
        Assert.True(await factory.WithDbAsync(db => db.StatementMatches.Where(m => m.Id == swiss).Select(m => m.Confirmed).SingleAsync()));

        // The Norwegian line was proposed on amount and date alone: reject it, then match it by hand.
        var norway = await factory.WithDbAsync(db => db.StatementMatches.Where(m => !m.Confirmed)
            .Join(db.StatementEntries.Where(s => s.Reference == "BK-2"), m => m.StatementEntryId, s => s.Id, (m, _) => m.Id).SingleAsync());
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Statements", new() { ["MatchId"] = norway.ToString() }, "Reject"), "reject");
        Assert.Null(await MatchedAsync("BK-2"));
        var line = await factory.WithDbAsync(db => db.StatementEntries.Where(s => s.Reference == "BK-2").Select(s => s.Id).SingleAsync());
        var (contribution, charge) = await factory.WithDbAsync(async db => (
            await db.LedgerEntries.Where(e => e.Donor == "Norway").Select(e => e.Id).SingleAsync(),
            await db.LedgerEntries.Where(e => e.Donor == "Switzerland").Select(e => e.Id).SingleAsync()));

        // The wrong entries are refused with the figures, nothing saved.
        using (var wrong = await finance.PostFormAsync("/Finance/Statements",
                   new() { ["StatementEntryId"] = line.ToString(), ["LedgerEntryIds"] = charge.ToString() }, "Match"))
        {
            // Matched a moment ago (the page offers only open entries): someone else changed it.
            Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
            Assert.Contains("This was changed by someone else a moment ago: a ledger entry you ticked is now matched to another statement entry.",
                WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        }
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Statements",
            new() { ["StatementEntryId"] = line.ToString(), ["LedgerEntryIds"] = contribution.ToString() }, "Match"), "match by hand");
        Assert.Equal(contribution, (await MatchedAsync("BK-2"))!.Id);
        Assert.Equal((1, 2, 0, 2), await CountsAsync());
    }

    [Fact]
    public async Task Two_lines_of_one_statement_with_the_same_reference_are_both_kept_and_importing_again_adds_neither()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var csv = Encoding.UTF8.GetBytes("statement_id,booking_date,amount,currency,direction,reference,remittance\r\n" +
                                         "S-DUP-2,2026-03-02,500.00,CHF,debit,FEE,bank fee\r\n" +
                                         "S-DUP-2,2026-03-02,4500.00,CHF,debit,FEE,unexplained transfer\r\n");

        var (_, first) = await ImportAsync(finance, "dup.csv", csv);
        var (_, again) = await ImportAsync(finance, "dup.csv", csv);

        Assert.Contains("2 new entries, 0 already imported", first);
        Assert.Contains("0 new entries, 2 already imported", again);
        Assert.Equal([500m, 4_500m], await factory.WithDbAsync(db => db.StatementEntries.Select(e => e.Amount.Amount).OrderBy(a => a).ToListAsync()));
    }

    [Fact]
    public async Task A_malformed_statement_imports_nothing_and_names_the_line_and_element_at_fault()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var good = Encoding.UTF8.GetString(CamtStatements.Build("04", "STMT-BAD", new CamtLine(1_600m, false, Today, "R1", "ok"), new CamtLine(20m, false, Today, "R2", "fee")));
        var bad = Encoding.UTF8.GetBytes(good.Replace("<Amt Ccy=\"CHF\">20.00</Amt>", "<Amt Ccy=\"CHF\">twenty</Amt>", StringComparison.Ordinal));

        var (status, html) = await ImportAsync(finance, "bad.xml", bad);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Nothing was imported.", html);
        Assert.Matches("line \\d+, element Amt: ", html);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());

        var (csvStatus, csvHtml) = await ImportAsync(finance, "bad.csv", Encoding.UTF8.GetBytes(
            "statement_id,booking_date,amount,currency,direction\r\nS-1,2026-03-01,\"1,500\",CHF,debit\r\n"));
        Assert.Equal(HttpStatusCode.BadRequest, csvStatus);
        Assert.Contains("line 2, column amount: ", csvHtml);
        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    private const string CsvHeader = "statement_id,account,booking_date,value_date,amount,currency,direction,reference,remittance,counterparty\r\n";

    /// <summary>A CSV statement of CHF lines booked today on the fund's account (or <paramref name="account"/>).</summary>
    private byte[] Csv(string statementId, IEnumerable<(decimal Amount, bool Credit, string Reference, string Text)> lines,
        string account = "CH9300762011623852957") =>
        Encoding.UTF8.GetBytes(CsvHeader + string.Concat(lines.Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{statementId},{account},{CamtStatements.Day(Today)},{CamtStatements.Day(Today)},{l.Amount:0.00},CHF,{(l.Credit ? "credit" : "debit")},{l.Reference},\"{l.Text}\",\r\n"))));

    /// <summary>Contributions of <paramref name="amount"/> each, received today, from donors of their own.</summary>
    private Task<List<Guid>> ContributionsAsync(int count, decimal amount) => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var added = Enumerable.Range(1, count).Select(i => LedgerEntry.Contribution($"Donor {i}", null, new Money(amount, "CHF").InFund(Today), Today,
            $"DON-{i}", "test", now)).ToList();
        db.LedgerEntries.AddRange(added);
        await db.SaveChangesAsync();
        return added.Select(e => e.Id).ToList();
    });

    private Task<Guid> LineAsync(string bankReference) =>
        factory.WithDbAsync(db => db.StatementEntries.Where(s => s.Reference == bankReference).Select(s => s.Id).SingleAsync());

    /// <summary>
    /// The same handler posted several times at the same moment, as from several tabs or by several officers, each with its
    /// own form: every request starts together, after the token is in hand.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Html)[]> AtOnceAsync(CafSession finance, string handler,
        IEnumerable<IEnumerable<KeyValuePair<string, string>>> forms)
    {
        var token = await finance.AntiforgeryTokenAsync();
        var start = new TaskCompletionSource();
        var posts = forms.Select(fields => Task.Run(async () =>
        {
            await start.Task;
            using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
            using var response = await finance.Client.PostAsync($"/Finance/Statements?handler={handler}", content);
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(posts);
    }

    private static KeyValuePair<string, string> Field(string name, Guid value) => new(name, value.ToString());

    [Fact]
    public async Task Matching_one_statement_entry_by_hand_from_several_tabs_at_once_matches_it_once_and_tells_the_others_it_changed()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        // Six contributions that fit the bank's line equally well: the matcher proposes none of them, finance chooses.
        var contributions = await ContributionsAsync(6, 500m);
        var (_, imported) = await ImportAsync(finance, "tie.csv", Csv("TIE-1", [(500m, true, "BK-TIE", "gift")]));
        Assert.Contains("1 new entries, 0 already imported, 0 not yet booked left out; 0 matches proposed.", imported);
        var line = await LineAsync("BK-TIE");

        var outcomes = await AtOnceAsync(finance, "Match",
            contributions.Select(id => new[] { Field("StatementEntryId", line), Field("LedgerEntryIds", id) }));

        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Redirect);
        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.Redirect), o =>
        {
            Assert.Equal(HttpStatusCode.Conflict, o.Status);
            Assert.Contains("This was changed by someone else a moment ago: the statement entry is matched already.", o.Html);
        });
        Assert.Equal(1, await factory.WithDbAsync(db => db.StatementMatches.CountAsync(m => m.StatementEntryId == line)));
    }

    [Fact]
    public async Task Matching_one_ledger_entry_to_several_statement_entries_at_once_settles_it_once_and_tells_the_others_it_changed()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var contribution = (await ContributionsAsync(1, 700m)).Single();
        var references = Enumerable.Range(1, 6).Select(i => $"BK-SAME-{i}").ToList();
        var (_, imported) = await ImportAsync(finance, "same.csv", Csv("SAME-1", references.Select(r => (700m, true, r, "gift"))));
        Assert.Contains("6 new entries, 0 already imported, 0 not yet booked left out; 0 matches proposed.", imported);
        var lines = new List<Guid>();
        foreach (var reference in references) lines.Add(await LineAsync(reference));

        var outcomes = await AtOnceAsync(finance, "Match",
            lines.Select(line => new[] { Field("StatementEntryId", line), Field("LedgerEntryIds", contribution) }));

        Assert.Single(outcomes, o => o.Status == HttpStatusCode.Redirect);
        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.Redirect), o =>
        {
            Assert.Equal(HttpStatusCode.Conflict, o.Status);
            Assert.Contains("This was changed by someone else a moment ago: a ledger entry you ticked is now matched to another statement entry.", o.Html);
        });
        Assert.Equal(1, await factory.WithDbAsync(db => db.StatementMatches.CountAsync(m => m.LedgerEntryId == contribution)));
    }

    [Fact]
    public async Task A_statement_with_the_id_of_another_accounts_statement_is_a_statement_of_its_own_and_keeps_its_entries()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        // Banks number statements per account: both accounts' March statements are "2026-03", each with its account fee "FEE-03".
        byte[] March(string account) => Csv("2026-03", [(25m, false, "FEE-03", "account fee")], account);

        var (_, chf) = await ImportAsync(finance, "chf.csv", March("CH93 0076 2011 6238 5295 7"));
        var (_, other) = await ImportAsync(finance, "other.csv", March("DE89 3704 0044 0532 0130 00"));
        var (_, again) = await ImportAsync(finance, "other.csv", March("DE89 3704 0044 0532 0130 00"));

        Assert.Contains("1 new entries, 0 already imported", chf);
        Assert.Contains("1 new entries, 0 already imported", other);
        Assert.Contains("0 new entries, 1 already imported", again);
        var statements = await factory.WithDbAsync(db => db.BankStatements.OrderBy(s => s.Iban).Select(s => s.BankStatementId + " " + s.Iban).ToListAsync());
        Assert.Equal(["2026-03 CH9300762011623852957", "2026-03 DE89370400440532013000"], statements);
        Assert.Equal(2, await factory.WithDbAsync(db => db.StatementEntries.Select(e => e.StatementId).Distinct().CountAsync()));
    }

    [Fact]
    public async Task A_booking_already_imported_on_another_statement_of_its_account_is_not_imported_again()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        // The intraday statement and the day's closing statement carry the same booking, B-77, under two statement ids.
        var (_, intraday) = await ImportAsync(finance, "intraday.csv", Csv("2026-03-02-INTRA", [(400m, true, "B-77", "refund")]));
        var (_, closing) = await ImportAsync(finance, "closing.csv",
            Csv("2026-03-02", [(400m, true, "b-77", "refund"), (400m, false, "B-77", "another booking, other way"), (9m, false, "B-78", "fee")]));
        // A statement issued again under a new id, whatever capitals or invisible characters its references are written with,
        // and lines that give no reference: by all they say.
        var (_, reissued) = await ImportAsync(finance, "reissued.csv",
            Csv("2026-03-02-R", [(400m, true, "b\u034F-77", "refund"), (9m, false, "b-78", "fee"), (3m, false, "", "postage"), (3m, false, "", "postage")]));
        var (_, again) = await ImportAsync(finance, "again.csv", Csv("2026-03-02-R2", [(3m, false, "", "postage"), (3m, false, "", "postage"), (3m, false, "", "postage")]));

        Assert.Contains("1 new entries, 0 already imported", intraday);
        Assert.Contains("2 new entries, 1 already imported", closing);
        Assert.Contains("2 new entries, 2 already imported", reissued);
        Assert.Contains("1 new entries, 2 already imported", again);
        Assert.Equal(6, await factory.WithDbAsync(db => db.StatementEntries.CountAsync()));
        // The same reference on another account is another booking.
        var (_, otherAccount) = await ImportAsync(finance, "other.csv", Csv("2026-03-02", [(400m, true, "B-77", "refund")], "DE89370400440532013000"));
        Assert.Contains("1 new entries, 0 already imported", otherAccount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_camt_053_file_in_utf_16_with_its_byte_order_mark_is_read_as_camt_053(bool bigEndian)
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var xml = Encoding.UTF8.GetString(CamtStatements.Build("08", "STMT-UTF16", new CamtLine(12.50m, false, Today, "U16-1", "Account fee")))
            .Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);

        var (status, html) = await ImportAsync(finance, "statement.xml", [.. encoding.GetPreamble(), .. encoding.GetBytes(xml)]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Imported 1 statement(s): 1 new entries", html);
        Assert.Equal("STMT-UTF16 camt.053.001.08", await factory.WithDbAsync(db => db.BankStatements.Select(s => s.BankStatementId + " " + s.Format).SingleAsync()));
    }

    [Fact]
    public async Task A_statement_file_larger_than_the_statements_page_takes_is_refused_at_its_field_on_that_page()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (_, imported) = await ImportAsync(finance, "small.csv", Csv("SMALL-1", [(25m, false, "FEE-1", "account fee")]));
        Assert.Contains("1 new entries", imported);

        using var response = await finance.PostMultipartAsync("/Finance/Statements", [], "Upload", "year.xml", new byte[30 * 1024 * 1024],
            "application/xml", "Import");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("<h1>Bank statements and reconciliation</h1>", html);
        Assert.Matches("data-valmsg-for=\"Upload\"[^>]*>The file is larger than 20 MB, more than any statement of the fund's accounts: " +
                       "ask the bank for a statement per month or per account, and import each.<", html);
        Assert.DoesNotContain("10 MB", html);
        Assert.Contains("account fee", html); // the page as it is, its lists shown
        Assert.Equal((1, 1, 0, 0), await CountsAsync());
    }

    /// <summary>The row of the statement entries not matched that shows <paramref name="line"/>.</summary>
    private static string Row(string html, Guid line)
    {
        var start = html.IndexOf($"<tr id=\"line-{line}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the statement entry {line} is not listed");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_refused_match_keeps_its_ticks_and_says_why_at_its_line_and_what_cannot_be_read_is_said_once_in_words()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (part, other) = await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var (a, b) = (LedgerEntry.Contribution("Austria", null, new Money(300m, "CHF").InFund(Today), Today, "AT-1", "test", now),
                LedgerEntry.Contribution("Belgium", null, new Money(200m, "CHF").InFund(Today), Today, "BE-1", "test", now));
            db.LedgerEntries.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        await ImportAsync(finance, "two.csv", Csv("TWO-1", [(600m, true, "BK-600", "Austria and Belgium"), (45m, false, "BK-45", "fee")]));
        var line = await LineAsync("BK-600");

        using (var wrong = await finance.PostFormAsync("/Finance/Statements",
                   new() { ["StatementEntryId"] = line.ToString(), ["LedgerEntryIds"] = part.ToString() }, "Match"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            var row = Row(WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), line);
            Assert.Matches("class=\"field-error[^\"]*\"[^>]*>The entries ticked add up to CHF 300.00; the statement entry is CHF 600.00.<", row);
            Assert.Contains($"value=\"{part}\" checked=\"checked\"", row);
            Assert.DoesNotContain($"value=\"{other}\" checked", row);
        }

        using (var unreadable = await finance.PostFormAsync("/Finance/Statements",
                   new() { ["StatementEntryId"] = "line-one", ["LedgerEntryIds"] = part.ToString() }, "Match"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
            var html = WebUtility.HtmlDecode(await unreadable.Content.ReadAsStringAsync());
            Assert.Contains("The statement entry must be chosen from the list.", html);
            Assert.DoesNotContain("Statement entry id", html);
            Assert.DoesNotContain("There is no such statement entry", html); // the match was not tried
        }
        using (var confirm = await finance.PostFormAsync("/Finance/Statements", new() { ["MatchId"] = "first" }, "Confirm"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
            var html = WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync());
            Assert.Contains("The proposed match must be chosen from the list.", html);
            Assert.DoesNotContain("Match id", html);
            Assert.DoesNotContain("There is no such match", html);
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.StatementMatches.CountAsync()));
    }

    [Fact]
    public async Task A_ledger_entry_matched_to_a_bank_statement_entry_is_not_reversed_and_the_ledger_offers_no_reverse_link_for_it()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (norway, switzerland) = await factory.WithDbAsync(async db => (await db.LedgerEntries.SingleAsync(e => e.Donor == "Norway"),
            await db.LedgerEntries.SingleAsync(e => e.Donor == "Switzerland")));
        var day = CamtStatements.Day(norway.ValueDate);
        await ImportAsync(finance, "norway.csv", Encoding.UTF8.GetBytes(CsvHeader +
            $"NO-1,CH9300762011623852957,{day},{day},150000.00,CHF,credit,BK-NO,gift,Kingdom of Norway\r\n"));
        var proposal = await factory.WithDbAsync(db => db.StatementMatches.SingleAsync(m => m.LedgerEntryId == norway.Id));
        Assert.False(proposal.Confirmed);

        var (_, ledger) = await finance.GetAsync("/Finance/Ledger");
        Assert.DoesNotContain($"href=\"/Finance/Reverse/{norway.Id}\"", ledger);
        Assert.Contains($"href=\"/Finance/Reverse/{switzerland.Id}\"", ledger);
        using (var proposed = await finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = "Booked twice." }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, proposed.StatusCode);
            Assert.Contains("A line of the bank's statement is proposed as this entry's match. Reject the proposal on the Bank statements page first, " +
                            "then reverse the entry.", WebUtility.HtmlDecode(await proposed.Content.ReadAsStringAsync()));
        }
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync("/Finance/Statements", new() { ["MatchId"] = proposal.Id.ToString() }, "Confirm"),
            "confirm");
        using (var confirmed = await finance.PostFormAsync($"/Finance/Reverse/{norway.Id}", new() { ["Reason"] = "Booked twice." }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
            Assert.Contains("This entry is matched to a line of the bank's statement, confirmed on ",
                WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()));
        }
        Assert.False(await factory.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == norway.Id)));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteBankStatementTests(SqliteAppFactory factory) : BankStatementTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresBankStatementTests(PostgresAppFactory factory) : BankStatementTests(factory);
