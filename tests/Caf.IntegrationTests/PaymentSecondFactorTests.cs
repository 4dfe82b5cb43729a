using System.Net;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Recording a payment asks for a fresh code from the authenticator app, even though the finance officer signed in with
/// one: without it, or with a wrong one, nothing is recorded and the form comes back as typed.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class PaymentSecondFactorTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private async Task<Guid> ApprovedGrantAsync()
    {
        var scenario = new GrantScenario(factory);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var id = await scenario.AtCommitteeReviewAsync(today.AddDays(60),
            new Dictionary<string, int> { ["member1@caf.demo"] = 4, ["member2@caf.demo"] = 4, ["member3@caf.demo"] = 4 });
        await scenario.FireAsync(id, "approve", GrantJourney.Chair, (a, _, now) => a.RecordDecision(new Money(2_000m, "CHF"), "Approved.", null, now));
        return id;
    }

    private static Dictionary<string, string> AgreementFields(string? code) => new()
    {
        ["Input.SignedOn"] = "2026-11-20",
        ["Input.Amount"] = "1600.00",
        ["Input.ValueDate"] = "2026-11-21",
        ["Input.BankReference"] = "UBS-TR1-7781",
        ["Input.SecondFactorCode"] = code ?? "",
    };

    private Task<(string Stage, int Entries, int FailedCount)> StateAsync(Guid id) => factory.WithDbAsync(async db => (
        await db.Applications.Where(a => a.Id == id).Select(a => a.Workflow!.Stage).SingleAsync(),
        await db.LedgerEntries.CountAsync(e => e.ApplicationId == id && e.Kind == LedgerEntryKind.Disbursement),
        await db.Users.Where(u => u.Email == GrantJourney.Finance).Select(u => u.AccessFailedCount).SingleAsync()));

    [Fact]
    public async Task The_first_tranche_is_paid_only_with_a_fresh_code_and_a_refusal_records_nothing()
    {
        await factory.ResetAsync();
        var id = await ApprovedGrantAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        var (_, form) = await finance.GetAsync($"/Finance/Agreement/{id}");
        Assert.Contains("Code from your authenticator app", form);

        // No code: said next to the field, with the other fields' problems at once; the typed values come back.
        var missing = await finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var missingHtml = WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("Enter the 6-digit code from your authenticator app: every payment asks for a fresh one.", missingHtml);
        Assert.Contains("value=\"UBS-TR1-7781\"", missingHtml);
        Assert.Equal(("Approved", 0, 0), await StateAsync(id));

        // A wrong code: refused, audited, counted towards lockout; nothing recorded.
        var wrong = await finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields("000000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongHtml = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("That code is not right.", wrongHtml);
        Assert.Contains("value=\"1600.00\"", wrongHtml);
        Assert.DoesNotContain("value=\"000000\"", wrongHtml);
        Assert.Equal(("Approved", 0, 1), await StateAsync(id));
        var refusal = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "2fa.payment-code-refused"));
        Assert.Contains("first tranche", refusal.Details);

        // With the other fields wrong, a typed code is not even tried: fixing a date never costs an attempt.
        var badDate = AgreementFields("000000");
        badDate["Input.Amount"] = "999999";
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.PostFormAsync($"/Finance/Agreement/{id}", badDate)).StatusCode);
        Assert.Equal(("Approved", 0, 1), await StateAsync(id));

        // The right code records the agreement and the payment, and clears the failed count.
        var code = GrantJourney.PaymentCode();
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields(code)),
            "sign the agreement with a fresh code");
        Assert.Equal(("Active", 1, 0), await StateAsync(id));

        // A code pays once: the same code does not pay a second grant, the next one does.
        var second = await ApprovedGrantAsync();
        var reused = await finance.PostFormAsync($"/Finance/Agreement/{second}", AgreementFields(code));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("This code has already been used for a payment.", WebUtility.HtmlDecode(await reused.Content.ReadAsStringAsync()));
        Assert.Equal(("Approved", 0, 0), await StateAsync(second));
        await GrantJourney.ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Agreement/{second}", AgreementFields(GrantJourney.PaymentCode(stepsAhead: 1))),
            "pay the second grant with the next code");
        Assert.Equal(("Active", 1, 0), await StateAsync(second));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_say_so()
    {
        await factory.ResetAsync();
        var id = await ApprovedGrantAsync();
        using var finance = await _journey.SignInAsync(GrantJourney.Finance);

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Contains("That code is not right.", await (await finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields("000000"))).Content.ReadAsStringAsync());
        var fifth = WebUtility.HtmlDecode(await (await finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields("000000"))).Content.ReadAsStringAsync());
        Assert.Contains("This account is locked for 15 minutes after too many wrong codes.", fifth);
        // Locked, even the right code records nothing.
        var locked = WebUtility.HtmlDecode(await (await finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields(GrantJourney.PaymentCode()))).Content.ReadAsStringAsync());
        Assert.Contains("This account is locked", locked);
        Assert.Equal("Approved", (await StateAsync(id)).Stage);
        Assert.Equal(5, await factory.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "2fa.payment-code-refused")));
    }
}
