using System.Globalization;
using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// A payment to a grantee is requested by one finance officer and approved by another, who types a fresh code from the
/// authenticator app even though signed in with one (ADR 0023): the requester never approves their own; without the
/// code, or with a wrong or reused one, nothing is approved and the page says why.
/// </summary>
public abstract class PaymentSecondFactorTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    /// <summary>An approved grant whose agreement finance recorded (80/20) and whose first tranche finance requested.</summary>
    private async Task<(Guid Id, Guid Request)> RequestedTrancheAsync(CafSession finance)
    {
        var scenario = new GrantScenario(factory);
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await scenario.AtCommitteeReviewAsync(today.AddDays(60),
            new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 4, ["member3@caf.demo"] = 4 });
        await scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, now));
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", new()
        {
            ["Input.SignedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Tranches[0].Amount"] = "1600.00", ["Input.Tranches[0].Condition"] = "OnSignature",
            ["Input.Tranches[1].Amount"] = "400.00", ["Input.Tranches[1].Condition"] = "AfterFinalReports",
            ["Input.AccountHolder"] = "Cambodian Mine Action Centre", ["Input.Account"] = "000 123 456 789",
            ["Input.BankName"] = "ACLEDA Bank", ["Input.Bic"] = "ACLBKHPP",
        }), "record the agreement");
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Tranches/{id}",
            new() { ["Input.Tranche"] = "1", ["Input.Amount"] = "1600.00" }, "Request"), "request the first tranche");
        var request = await factory.WithDbAsync(db => db.DisbursementRequests.Where(d => d.ApplicationId == id).Select(d => d.Id).SingleAsync());
        return (id, request);
    }

    private static Dictionary<string, string> Approval(Guid request, string? code) => new()
    {
        ["Input.RequestId"] = request.ToString(),
        ["Input.SecondFactorCode"] = code ?? "",
    };

    private Task<(DisbursementStatus Status, int Entries, int FailedCount)> StateAsync(Guid id, string approver = GrantJourney.SecondFinance) =>
        factory.WithDbAsync(async db => (
            await db.DisbursementRequests.Where(d => d.ApplicationId == id).Select(d => d.Status).SingleAsync(),
            await db.LedgerEntries.CountAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement),
            await db.Users.Where(u => u.Email == approver).Select(u => u.AccessFailedCount).SingleAsync()));

    private static async Task<(HttpStatusCode Status, string Html)> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_tranche_is_approved_only_by_another_finance_officer_with_a_fresh_code_then_paid_and_a_refusal_records_nothing()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        using var second = await _journey.SignInAsync(GrantJourney.SecondFinance);
        var (id, request) = await RequestedTrancheAsync(finance);
        var page = $"/Finance/Tranches/{id}";

        // The queue says whose step it is: the requester waits, the other officer approves.
        var (_, mine) = await finance.GetAsync("/Finance/Disbursements");
        Assert.Contains("Awaits another finance officer&#x27;s approval", mine);
        var (_, theirs) = await second.GetAsync("/Finance/Disbursements");
        Assert.Contains("Approve it (with a fresh code)", theirs);
        Assert.Contains($"href=\"/Finance/Tranches/{id}\"", theirs);

        // The requester is not offered the approval, and a forged one is refused: another officer approves.
        var (_, own) = await finance.GetAsync(page);
        Assert.Contains("Awaits another finance officer&#x27;s approval.", own);
        var (ownStatus, ownHtml) = await ReadAsync(finance.PostFormAsync(page, Approval(request, GrantJourney.PaymentCode()), "Approve"));
        Assert.Equal(HttpStatusCode.Forbidden, ownStatus);
        Assert.Contains("You requested this payment: another finance officer approves it.", ownHtml);
        Assert.Equal((DisbursementStatus.Requested, 0, 0), await StateAsync(id));

        // No code: said, nothing approved.
        var (_, form) = await second.GetAsync(page);
        Assert.Contains("Code from your authenticator app", form);
        var (missingStatus, missingHtml) = await ReadAsync(second.PostFormAsync(page, Approval(request, null), "Approve"));
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        Assert.Contains("Enter the 6-digit code from your authenticator app: every payment asks for a fresh one.", missingHtml);
        Assert.Equal((DisbursementStatus.Requested, 0, 0), await StateAsync(id));

        // A wrong code: refused, audited, counted towards lockout; never shown back.
        var (wrongStatus, wrongHtml) = await ReadAsync(second.PostFormAsync(page, Approval(request, "000000"), "Approve"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Contains("That code is not right.", wrongHtml);
        Assert.DoesNotContain("value=\"000000\"", wrongHtml);
        Assert.Equal((DisbursementStatus.Requested, 0, 1), await StateAsync(id));
        var refusal = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "2fa.payment-code-refused"));
        Assert.Contains("approval of tranche 1", refusal.Details);

        // The right code approves, and clears the failed count; nothing is booked until the bank has paid.
        var code = GrantJourney.PaymentCode(email: GrantJourney.SecondFinance);
        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync(page, Approval(request, code), "Approve"), "approve with a fresh code");
        Assert.Equal((DisbursementStatus.Approved, 0, 0), await StateAsync(id));
        Assert.Equal("Approved", await _journey.StageAsync(id));
        // Approved already (a second tab, a double click): a state that changed (409), not a refusal of the person.
        var (againStatus, againHtml) = await ReadAsync(second.PostFormAsync(page, Approval(request, GrantJourney.PaymentCode(email: GrantJourney.SecondFinance)), "Approve"));
        Assert.Equal(HttpStatusCode.Conflict, againStatus);
        Assert.Contains("there is nothing to approve.", againHtml);

        // Marked paid: booked with its bank reference; the first tranche paid makes the grant active.
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.ValueDate"] = FundTime.Today(factory.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.BankReference"] = "UBS-TR1-7781",
        }, "Pay"), "mark the tranche paid");
        Assert.Equal((DisbursementStatus.Paid, 1, 0), await StateAsync(id));
        Assert.Equal("Active", await _journey.StageAsync(id));
        Assert.Equal("UBS-TR1-7781", await factory.WithDbAsync(db =>
            db.LedgerEntries.Where(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement).Select(e => e.BankReference).SingleAsync()));

        // A code approves once: the same code does not approve a second grant's tranche, the next one does.
        var (other, otherRequest) = await RequestedTrancheAsync(finance);
        var (reusedStatus, reusedHtml) = await ReadAsync(second.PostFormAsync($"/Finance/Tranches/{other}", Approval(otherRequest, code), "Approve"));
        Assert.Equal(HttpStatusCode.BadRequest, reusedStatus);
        Assert.Contains("This code has already been used for a payment.", reusedHtml);
        Assert.Equal((DisbursementStatus.Requested, 0, 0), await StateAsync(other));
        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync($"/Finance/Tranches/{other}",
            Approval(otherRequest, GrantJourney.PaymentCode(stepsAhead: 1, email: GrantJourney.SecondFinance)), "Approve"), "approve with the next code");
        Assert.Equal(DisbursementStatus.Approved, (await StateAsync(other)).Status);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_say_so()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        using var second = await _journey.SignInAsync(GrantJourney.SecondFinance);
        var (id, request) = await RequestedTrancheAsync(finance);
        var page = $"/Finance/Tranches/{id}";

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Contains("That code is not right.", (await ReadAsync(second.PostFormAsync(page, Approval(request, "000000"), "Approve"))).Html);
        Assert.Contains("This account is locked for 15 minutes after too many wrong codes.",
            (await ReadAsync(second.PostFormAsync(page, Approval(request, "000000"), "Approve"))).Html);
        // Locked, even the right code approves nothing.
        Assert.Contains("This account is locked",
            (await ReadAsync(second.PostFormAsync(page, Approval(request, GrantJourney.PaymentCode(email: GrantJourney.SecondFinance)), "Approve"))).Html);
        Assert.Equal(DisbursementStatus.Requested, (await StateAsync(id)).Status);
        Assert.Equal(5, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "2fa.payment-code-refused")));
    }

    [Fact]
    public async Task A_request_above_what_the_tranche_has_left_is_refused_with_the_figures_and_records_nothing()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        var (id, _) = await RequestedTrancheAsync(finance);
        var page = $"/Finance/Tranches/{id}";

        // Tranche 2 (CHF 400.00, after the final reports) asked for more than it holds, while the grant is only approved.
        var (status, html) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "2", ["Input.Amount"] = "400.01" }, "Request"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Tranche 2 is paid once the final reports are accepted.", html);
        // Tranche 1 already has its payment on its way: a second request is refused, naming it.
        var (_, again) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "1", ["Input.Amount"] = "1.00" }, "Request"));
        Assert.Contains("Tranche 1 already has a payment awaiting approval or payment.", again);
        Assert.Equal(1, await factory.WithDbAsync(db => db.DisbursementRequests.CountAsync(d => d.ApplicationId == id)));

        // Cancelled, the tranche is asked for again, above its CHF 1,600.00: refused with what is left.
        var request = await factory.WithDbAsync(db => db.DisbursementRequests.Where(d => d.ApplicationId == id).Select(d => d.Id).SingleAsync());
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync(page,
            new() { ["Input.RequestId"] = request.ToString(), ["Input.Reason"] = "Wrong amount." }, "Cancel"), "cancel the request");
        var (overStatus, over) = await ReadAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "1", ["Input.Amount"] = "1600.01" }, "Request"));
        Assert.Equal(HttpStatusCode.BadRequest, overStatus);
        Assert.Contains("Tranche 1 has CHF 1,600.00 left to pay.", over);
        Assert.Equal(0, await factory.WithDbAsync(db => db.DisbursementRequests.CountAsync(d => d.ApplicationId == id && d.Status != DisbursementStatus.Cancelled)));
    }

    [Fact]
    public async Task A_payment_the_funds_cash_does_not_cover_is_neither_approved_nor_paid_and_the_figures_are_shown()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        using var second = await _journey.SignInAsync(GrantJourney.SecondFinance);
        var (id, request) = await RequestedTrancheAsync(finance);
        var page = $"/Finance/Tranches/{id}";
        // Every contribution turns out to have been booked in error: the fund holds nothing.
        await ReverseEveryContributionAsync();

        var (status, html) = await ReadAsync(second.PostFormAsync(page, Approval(request, GrantJourney.PaymentCode(email: GrantJourney.SecondFinance)), "Approve"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The fund holds CHF 0.00; paying CHF 1,600.00 would take more. Record the contributions received first.", html);
        Assert.Equal((DisbursementStatus.Requested, 0, 0), await StateAsync(id));
    }

    [Fact]
    public async Task A_payment_approved_before_the_funds_cash_went_is_not_paid()
    {
        await factory.ResetAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);
        using var second = await _journey.SignInAsync(GrantJourney.SecondFinance);
        var (id, request) = await RequestedTrancheAsync(finance);
        var page = $"/Finance/Tranches/{id}";
        await GrantJourney.ExpectRedirectAsync(second.PostFormAsync(page,
            Approval(request, GrantJourney.PaymentCode(email: GrantJourney.SecondFinance)), "Approve"), "approve with a fresh code");
        await ReverseEveryContributionAsync();

        var (status, html) = await ReadAsync(finance.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.BankReference"] = "UBS-TR1-9",
            ["Input.ValueDate"] = FundTime.Today(factory.Clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, "Pay"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The fund holds CHF 0.00; paying CHF 1,600.00 would take more.", html);
        Assert.Equal((DisbursementStatus.Approved, 0, 0), await StateAsync(id));
        Assert.Equal("Approved", await _journey.StageAsync(id));
    }

    /// <summary>Reverses the seed's contributions directly, as if finance had found them booked in error.</summary>
    private Task<int> ReverseEveryContributionAsync() => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var contributions = await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Contribution && e.ReversesEntryId == null).ToListAsync();
        Assert.NotEmpty(contributions);
        db.LedgerEntries.AddRange(contributions.Select(c => c.Reverse("Booked in error.", alreadyReversed: false, match: null, "test", now, FundTime.Today(factory.Clock))));
        return await db.SaveChangesAsync();
    });
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqlitePaymentSecondFactorTests(SqliteAppFactory factory) : PaymentSecondFactorTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresPaymentSecondFactorTests(PostgresAppFactory factory) : PaymentSecondFactorTests(factory);
