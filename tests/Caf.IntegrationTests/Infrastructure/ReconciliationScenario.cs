using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Finance;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// Something on every sheet of the reconciliation workbook, in CHF: three grants each paid CHF 1,600 of CHF 2,000 today
/// under four eyes — one active; one at final reconciliation on a report of CHF 1,200 (its one budget line, Flights), CHF 150
/// of its CHF 400 refund received;
/// one terminated on CHF 1,520 accepted, its CHF 80 refund waived, closed — and a bank charge on the fund's account. A
/// camt.053 statement, imported through the use case, gives a line per payment and the refund (proposed; the active grant's
/// confirmed), a line paying the terminated grant and the charge together (split by hand), an account fee yesterday and a
/// credit from nobody known (unmatched). The seed's contributions stay unmatched in the ledger.
/// </summary>
internal sealed class ReconciliationScenario(CafAppFactory factory)
{
    public const string StatementId = "REC-2026-1";

    private readonly GrantScenario _scenario = new(factory);
    private DateOnly Today => FundTime.Today(factory.Clock);

    public sealed record Grants(Guid Active, Guid Refunding, Guid Waived);

    public async Task<Grants> BuildAsync()
    {
        var active = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        var refunding = await _scenario.ActiveGrantAsync(Today.AddDays(-3));
        await _scenario.FireAsync(refunding, "reports-due", GrantJourney.Isu);
        // The report gives what was spent per budget line: its one line, Flights, CHF 1,200 of CHF 2,000.
        await _scenario.FireAsync(refunding, "accept-final-reports", GrantJourney.Isu, (a, actors, now) =>
            a.SubmitFinalReport("final-report.pdf", "application/pdf", "%PDF-1.7\n"u8.ToArray(), new Dictionary<Guid, decimal> { [a.BudgetLines.Single().Id] = 1_200m },
                actors[GrantJourney.Applicant].UserId, now));
        await factory.WithDbAsync(async db =>
        {
            var grant = await db.Applications.WithGraph().SingleAsync(a => a.Id == refunding);
            grant.RecordRefund(new Money(150m, "CHF").InFund(Today), Today, "RF-150", "test", factory.Clock.GetUtcNow().UtcDateTime);
            db.LedgerEntries.Add(LedgerEntry.BankChargeOnFund(new Money(12.50m, "CHF").InFund(Today), Today, "Transfer fee", "FEE-1", "test",
                factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        var waived = await _scenario.ActiveGrantAsync(Today.AddDays(30));
        using (var isu = await new GrantJourney(factory).SignInAsync(GrantJourney.Isu))
            await GrantJourney.ExpectRedirectAsync(isu.FireAsync(waived, "terminate", "The grantee withdrew after the first mission."), "terminate");
        await AsFinanceAsync(async (services, finance) =>
        {
            var reconciliations = services.GetRequiredService<Reconciliations>();
            var db = services.GetRequiredService<CafDbContext>();
            var grant = await db.Applications.WithGraph().SingleAsync(a => a.Id == waived);
            Assert.True((await reconciliations.RecordTerminationExpenditureAsync(grant, finance, 1_520m, "Receipts for the first mission.",
                CancellationToken.None)).Succeeded);
            Assert.True((await reconciliations.WaiveRefundAsync(grant, finance, "Recovery would cost more.", CancellationToken.None)).Succeeded);
            return 0;
        });
        await _scenario.FireAsync(waived, "close", GrantJourney.Finance);

        var references = await factory.WithDbAsync(db => db.Applications.Where(a => a.Reference != null).ToDictionaryAsync(a => a.Id, a => a.Reference!));
        var statement = CamtStatements.Build("04", StatementId,
            new CamtLine(1_600m, false, Today, "BK-ACTIVE", $"{references[active]} T1 first tranche"),
            new CamtLine(1_600m, false, Today, "BK-REFUNDING", $"{references[refunding]} T1"),
            new CamtLine(150m, true, Today, "BK-REFUND", $"Refund {references[refunding]}"),
            new CamtLine(1_612.50m, false, Today, "BK-SPLIT", $"{references[waived]} first tranche and transfer fee"),
            new CamtLine(7.80m, false, Today.AddDays(-1), "BK-FEE", "Account fee"),
            new CamtLine(999m, true, Today, "BK-UNKNOWN", "Payment from nobody known"));
        await AsFinanceAsync(async (services, finance) =>
        {
            var statements = services.GetRequiredService<BankStatements>();
            var imported = await statements.ImportAsync(finance, "statement.xml", statement, CancellationToken.None);
            Assert.True(imported.Succeeded, string.Join(" ", imported.Problems));
            Assert.Equal((6, 3), (imported.Added, imported.Proposed));
            var db = services.GetRequiredService<CafDbContext>();
            var confirm = await (from m in db.StatementMatches join s in db.StatementEntries on m.StatementEntryId equals s.Id
                where s.Reference == "BK-ACTIVE" select m.Id).SingleAsync();
            Assert.True((await statements.ConfirmAsync(finance, confirm, CancellationToken.None)).Succeeded);
            var split = await db.StatementEntries.Where(s => s.Reference == "BK-SPLIT").Select(s => s.Id).SingleAsync();
            var settled = await db.LedgerEntries.Where(e => (e.ApplicationId == waived && e.Kind == LedgerEntryKind.Disbursement) || e.BankReference == "FEE-1")
                .Select(e => e.Id).ToListAsync();
            Assert.True((await statements.MatchByHandAsync(finance, split, settled, CancellationToken.None)).Succeeded);
            return 0;
        });
        return new Grants(active, refunding, waived);
    }

    /// <summary>Runs use cases as the first finance officer, in a scope of their own.</summary>
    private async Task<T> AsFinanceAsync<T>(Func<IServiceProvider, ClaimsPrincipal, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<CafDbContext>().Users.SingleAsync(u => u.Email == GrantJourney.Finance);
        var finance = await services.GetRequiredService<IUserClaimsPrincipalFactory<CafUser>>().CreateAsync(user);
        return await work(services, finance);
    }
}
