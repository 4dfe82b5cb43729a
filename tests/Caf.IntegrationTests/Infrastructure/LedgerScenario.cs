using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// A fund ledger with something on every sheet of its workbook: the seed's two contributions, Norway's reversed today;
/// a USD contribution and a USD bank charge on the fund's account; a CHF grant paid its first tranche; and a USD grant
/// from approval to closing, paid once at a dearer rate than committed (an exchange loss) and once at a cheaper one
/// (a gain), refunded in part, its unpaid commitment released.
/// </summary>
internal sealed class LedgerScenario(CafAppFactory factory)
{
    public const decimal Dearer = 0.0175m;
    public const decimal Cheaper = 0.0125m;
    private const string Finance = "finance@caf.demo";

    private readonly GrantScenario _scenario = new(factory);

    private DateOnly Today => FundTime.Today(factory.Clock);

    /// <summary>Builds it on a reset database; returns the USD grant and the CHF grant.</summary>
    public async Task<(Guid Usd, Guid Chf)> BuildAsync()
    {
        var chf = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        var usd = await _scenario.UsdApplicationAtCommitteeAsync(Today.AddDays(60));
        await _scenario.FireAsync(usd, "approve", "chair@caf.demo", (a, _, now) => a.RecordDecision(new Money(2_000m, "USD"), "Approved.", null, now));
        var rate = await factory.WithDbAsync(db => db.LedgerEntries
            .Where(e => e.ApplicationId == usd && e.Kind == LedgerEntryKind.Commitment).Select(e => e.Rate).SingleAsync());
        // A day passes after the approval: the agreement is signed and its first tranche paid on the day of the decision.
        var yesterday = Today;
        factory.Clock.Advance(TimeSpan.FromDays(1));
        static Conversion Usd(decimal amount, decimal rate, DateOnly on) => Conversion.At(new Money(amount, "USD"), "CHF", rate, on, "Bank's rate");

        // 1,600 on signature (at a dearer rate: an exchange loss), 200 during the activities (cheaper: a gain), 200 after
        // the final reports; 1,700 spent, so 100 comes back and 200 of the commitment is released on closing.
        await _scenario.FireAsync(usd, "sign-agreement", Finance, (a, actors, now) =>
        {
            a.RecordAgreement(yesterday, [new(1_600m, TrancheCondition.OnSignature), new(200m, TrancheCondition.DuringActivities),
                new(200m, TrancheCondition.AfterFinalReports)], Today);
            a.SetBankDetails("CfDJ8-protected-test-details", TestBankDetails.Masked(), actors[Finance].UserId, now);
            GrantScenario.PayTranche(a, 1, Usd(1_600m, rate + Dearer, yesterday), yesterday, "UBS-USD-1", actors, now);
        });
        await _scenario.FireAsync(usd, "reports-due", "isu@caf.demo", (a, actors, now) =>
            GrantScenario.PayTranche(a, 2, Usd(200m, rate - Cheaper, Today), Today, "UBS-USD-2", actors, now));
        await _scenario.FireAsync(usd, "accept-final-reports", "isu@caf.demo", (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), 1_700m, actors["applicant@caf.demo"].UserId, now));
        await _scenario.FireAsync(usd, "close", Finance, (a, actors, now) =>
            a.RecordRefund(Usd(100m, rate, Today), Today, "UBS-USD-R1", actors[Finance].UserId, now));

        await factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var norway = await db.LedgerEntries.SingleAsync(e => e.Donor == "Norway");
            db.LedgerEntries.AddRange(
                norway.Reverse("Booked twice.", alreadyReversed: false, match: null, "test", now, Today),
                LedgerEntry.Contribution("Canada", "Victim assistance", new Money(10_000m, "USD").InFund(yesterday), yesterday, "CA-2026-1", "test", now),
                LedgerEntry.BankChargeOnFund(new Money(25.50m, "USD").InFund(yesterday), yesterday, "Transfer fee", "UBS-FEE-1", "test", now));
            return await db.SaveChangesAsync();
        });
        return (usd, chf);
    }
}
