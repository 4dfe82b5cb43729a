using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// A refused finance or reporting form (issue 12) says what is wrong at the field, by the label the person sees — never a
/// property or type name — shows everything back as typed, and records nothing.
/// </summary>
public abstract partial class RefusedFormTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);
    private readonly GrantScenario _scenario = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    private static async Task<(HttpStatusCode Status, string Html)> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The message shown beside the field sent as <paramref name="key"/>, or "" when it has none.</summary>
    private static string FieldMessage(string html, string key) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(key)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Groups[1].Value.Trim();

    /// <summary>The value the input with this id shows, or null when it shows none.</summary>
    private static string? ValueOf(string html, string id)
    {
        var input = Regex.Match(html, $"<input[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>").Value;
        Assert.False(input.Length == 0, $"No input {id} on the page.");
        return Regex.Match(input, "\\bvalue=\"([^\"]*)\"") is { Success: true } value ? value.Groups[1].Value : null;
    }

    /// <summary>The first tranche (CHF 1,600) requested by finance and approved by the second finance officer: its request's id.</summary>
    private async Task<Guid> ApprovedTrancheAsync(CafSession finance, Guid id)
    {
        var page = $"/Finance/Tranches/{id}";
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "1", ["Input.Amount"] = "1600.00" }, "Request"),
            "request the first tranche");
        var request = await factory.WithDbAsync(db => db.DisbursementRequests.Where(d => d.ApplicationId == id).Select(d => d.Id).SingleAsync());
        using var second = await _journey.SignInAsync(GrantJourney.SecondFinance);
        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.SecondFactorCode"] = GrantJourney.PaymentCode(email: GrantJourney.SecondFinance),
        }, "Approve"), "approve the first tranche");
        return request;
    }

    [Fact]
    public async Task A_final_report_line_typed_with_a_decimal_comma_is_named_by_its_line_and_every_line_comes_back_as_typed()
    {
        // Before: "Nullable`1 must be a number"; the lines after it were said to be missing and came back blank.
        await factory.ResetAsync();
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3), budget: ["Flights", "Hotel", "Interpreting"]);
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        var (status, html) = await ReadAsync(applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}",
            GrantJourney.Told(new() { ["Input.Lines[0]"] = "700.00", ["Input.Lines[1]"] = "1,5", ["Input.Lines[2]"] = " 650" }),
            "Input.File", "final-report.pdf", "%PDF-1.7\n%report\n"u8.ToArray(), "application/pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        const string message = "Amount spent on \"Hotel\" must be a number, for example 1250.50. Write 1.5 rather than 1,5: a point before the decimals, not a comma.";
        Assert.Equal(message, FieldMessage(html, "Input.Lines[1]"));
        Assert.Equal(("", ""), (FieldMessage(html, "Input.Lines[0]"), FieldMessage(html, "Input.Lines[2]")));
        Assert.Equal(("700.00", "1,5", " 650"), (ValueOf(html, "line-0"), ValueOf(html, "line-1"), ValueOf(html, "line-2")));
        Assert.DoesNotContain("Nullable", html);
        Assert.DoesNotContain("Give what was spent", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Amounts_for_more_lines_than_the_budget_has_are_refused_not_ignored()
    {
        await factory.ResetAsync();
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(-3), budget: ["Flights", "Hotel"]);
        await _scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);

        var (status, html) = await ReadAsync(applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}",
            GrantJourney.Told(new() { ["Input.Lines[0]"] = "700.00", ["Input.Lines[1]"] = "600.00", ["Input.Lines[2]"] = "500.00" }),
            "Input.File", "final-report.pdf", "%PDF-1.7\n%report\n"u8.ToArray(), "application/pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This grant's budget has 2 lines, but the form sent 3 amounts. Reload the page and give one amount per budget line.",
            FieldMessage(html, "Input.Lines"));
        Assert.Equal(("700.00", "600.00"), (ValueOf(html, "line-0"), ValueOf(html, "line-1")));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task A_refused_payment_request_shows_the_amount_as_typed_and_says_why_at_its_field()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        var page = $"/Finance/Tranches/{id}";

        foreach (var (typed, message) in new[]
                 {
                     ("1,5", "Amount must be a number, for example 1250.50. Write 1.5 rather than 1,5: a point before the decimals, not a comma."),
                     ("1 700", "Tranche 1 has CHF 1,600.00 left to pay."),
                 })
        {
            var (status, html) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "1", ["Input.Amount"] = typed }, "Request"));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(message, FieldMessage(html, "Input.Amount"));
            Assert.Equal(typed, ValueOf(html, "Input_Amount"));
            Assert.Contains("<option value=\"1\" selected=\"selected\">", html);
        }

        // Before: the tranche's message was keyed to a field the form does not have, so it showed only in the summary.
        var (noTranche, refused) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "", ["Input.Amount"] = "100" }, "Request"));
        Assert.Equal(HttpStatusCode.BadRequest, noTranche);
        Assert.Equal("Choose the tranche to pay.", FieldMessage(refused, "Input.Tranche"));
        Assert.Equal("100", ValueOf(refused, "Input_Amount"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.DisbursementRequests.CountAsync()));
    }

    [Fact]
    public async Task A_refused_payment_or_cancellation_keeps_what_was_typed_in_its_row_with_the_message_beside_the_field()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        var request = await ApprovedTrancheAsync(finance, id);
        var page = $"/Finance/Tranches/{id}";
        var tomorrow = Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (futureStatus, future) = await ReadAsync(finance.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.ValueDate"] = tomorrow, ["Input.BankReference"] = "UBS-TR1-7781",
        }, "Pay"));
        Assert.Equal(HttpStatusCode.BadRequest, futureStatus);
        Assert.Contains("is in the future: record the movement once the bank has made it.", FieldMessage(future, "Input.ValueDate"));
        Assert.Equal((tomorrow, "UBS-TR1-7781"), (ValueOf(future, $"date-{request}"), ValueOf(future, $"ref-{request}")));

        var (noReferenceStatus, noReference) = await ReadAsync(finance.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.ValueDate"] = "2026-02-30", ["Input.BankReference"] = "",
        }, "Pay"));
        Assert.Equal(HttpStatusCode.BadRequest, noReferenceStatus);
        Assert.Equal("Value date must be a date, for example 2027-03-01.", FieldMessage(noReference, "Input.ValueDate"));
        Assert.Equal("2026-02-30", ValueOf(noReference, $"date-{request}"));

        var reason = "The grantee's bank asked for the transfer to wait. " + new string('x', DisbursementRequest.MaxNoteLength);
        var (longStatus, tooLong) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.RequestId"] = request.ToString(), ["Input.Reason"] = reason },
            "Cancel"));
        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.Equal($"Keep the reason under {DisbursementRequest.MaxNoteLength} characters.", FieldMessage(tooLong, "Input.Reason"));
        Assert.Equal(reason, ValueOf(tooLong, $"why-{request}"));

        Assert.Equal((DisbursementStatus.Approved, 0), await factory.WithDbAsync(async db => (
            await db.DisbursementRequests.Where(d => d.Id == request).Select(d => d.Status).SingleAsync(),
            await db.LedgerEntries.CountAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement))));
    }

    [Fact]
    public async Task A_payment_the_form_names_that_the_grant_does_not_have_is_said_in_words_not_by_its_hidden_field()
    {
        // Before: "Request id must be chosen from the list." or "Request id is required."
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var id = await _journey.AgreedGrantAsync(finance);
        var page = $"/Finance/Tranches/{id}";

        foreach (var (handler, requestId) in new[] { ("Approve", "not-a-payment"), ("Pay", ""), ("Cancel", Guid.NewGuid().ToString()) })
        {
            var (status, html) = await ReadAsync(finance.PostFormAsync(page, new()
            {
                ["Input.RequestId"] = requestId, ["Input.ValueDate"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Input.BankReference"] = "UBS-1", ["Input.Reason"] = "Duplicate.",
            }, handler));
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains(DisbursementRequest.NoLongerThere, html);
            Assert.DoesNotContain("Request id", html);
        }
    }

    [Fact]
    public async Task A_tranche_amount_typed_with_a_decimal_comma_is_kept_and_said_by_its_tranche()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4));
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, now));
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (status, html) = await ReadAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", GrantJourney.AgreementFields(Today, "1 600", "1,5")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Amount of tranche 2 must be a number, for example 1250.50. Write 1.5 rather than 1,5: a point before the decimals, not a comma.",
            FieldMessage(html, "Input.Tranches[1].Amount"));
        Assert.Equal(("1 600", "1,5"), (ValueOf(html, "tranche-amount-0"), ValueOf(html, "tranche-amount-1")));
        Assert.Equal("", FieldMessage(html, "Input.Tranches[0].Amount"));
        Assert.DoesNotContain("Amount must be", html);
        Assert.Equal(TestBankDetails.Value.AccountHolder, ValueOf(html, "Input_AccountHolder"));
        Assert.Null(await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.AgreementSignedOn).SingleAsync()));
    }

    [Fact]
    public async Task A_tampered_schedule_is_refused_in_words_not_read_in_part()
    {
        await factory.ResetAsync();
        var id = await _scenario.AtCommitteeReviewAsync(Today.AddDays(60), GrantJourney.Members.ToDictionary(m => m, _ => 4));
        await _scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, now));
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        // A third tranche sent after a gap would have been dropped, and the first two recorded as the whole schedule.
        var gap = GrantJourney.AgreementFields(Today, "1600", "400");
        gap["Input.Tranches[5].Amount"] = "500";
        gap["Input.Tranches[5].Condition"] = "AfterFinalReports";
        var (gapStatus, gapHtml) = await ReadAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", gap));
        Assert.Equal(HttpStatusCode.BadRequest, gapStatus);
        Assert.Equal("The form sent tranches out of order, so the schedule cannot be read. Reload the page and give the schedule again.",
            FieldMessage(gapHtml, "Input.Tranches"));

        var bogus = GrantJourney.AgreementFields(Today, "1600", "400");
        bogus["Input.Tranches[1].Condition"] = "WheneverYouLike";
        var (bogusStatus, bogusHtml) = await ReadAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", bogus));
        Assert.Equal(HttpStatusCode.BadRequest, bogusStatus);
        Assert.Equal("When the tranche is paid must be chosen from the list.", FieldMessage(bogusHtml, "Input.Tranches[1].Condition"));
        Assert.Null(await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.AgreementSignedOn).SingleAsync()));

        // An empty or unreadable choice on the statements page is named by its label.
        var (emptyStatus, empty) = await ReadAsync(finance.PostFormAsync("/Finance/Statements", new() { ["MatchId"] = "" }, "Confirm"));
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.Contains("The proposed match is required.", empty);
        Assert.DoesNotContain("This field is required.", empty);
    }

    [Fact]
    public async Task The_expenditure_accepted_at_termination_is_said_by_its_label_and_kept_as_typed()
    {
        await factory.ResetAsync();
        var id = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
            await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "terminate", "The grantee withdrew."), "terminate");
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (status, html) = await ReadAsync(finance.PostFormAsync($"/Finance/Reconcile/{id}", new()
        {
            ["Input.TerminationExpenditureValue"] = "1.520,00", ["Input.TerminationExpenditureNote"] = "Receipts for the first mission.",
        }, "Termination"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Accepted as spent must be a number, for example 1250.50. Write 1520.00 rather than 1.520,00: a point before the decimals, not a comma.",
            FieldMessage(html, "Input.TerminationExpenditureValue"));
        Assert.DoesNotContain("Termination expenditure value", html);
        Assert.Equal("1.520,00", ValueOf(html, "Input_TerminationExpenditureValue"));
        Assert.Contains("Receipts for the first mission.</textarea>", html);
        Assert.Null(await factory.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.TerminationExpenditureValue).SingleAsync()));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteRefusedFormTests(SqliteAppFactory factory) : RefusedFormTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresRefusedFormTests(PostgresAppFactory factory) : RefusedFormTests(factory);
