using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records money that moves on the fund's own account, not a grant's: a donor's contribution as it arrives, a
/// charge the bank takes. Each is converted to the fund currency at the rate of its value date (ADR 0022).
/// </summary>
public sealed class FundEntries(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    public Task<CommandOutcome> RecordContributionAsync(ClaimsPrincipal finance, ContributionReceipt receipt, CancellationToken ct) =>
        RecordAsync(finance, receipt.Problems(FundTime.Today(clock)), () => receipt.Money(), receipt.ValueDate, nameof(ContributionReceipt.ValueDate),
            (conversion, userId, now) => LedgerEntry.Contribution(receipt.Donor!, receipt.Earmarking, conversion, receipt.ValueDate!.Value,
                receipt.BankReference, userId, now), ct);

    public Task<CommandOutcome> RecordBankChargeAsync(ClaimsPrincipal finance, BankChargeEntry charge, CancellationToken ct) =>
        RecordAsync(finance, charge.Problems(FundTime.Today(clock)), () => charge.Money(), charge.ValueDate, nameof(BankChargeEntry.ValueDate),
            (conversion, userId, now) => LedgerEntry.BankChargeOnFund(conversion, charge.ValueDate!.Value, charge.Description!.Trim(),
                charge.BankReference, userId, now), ct);

    private async Task<CommandOutcome> RecordAsync(ClaimsPrincipal finance, IEnumerable<(string Field, string Message)> problems, Func<Money> amount,
        DateOnly? valueDate, string valueDateField, Func<Conversion, string, DateTime, LedgerEntry> entry, CancellationToken ct)
    {
        var refused = problems.ToList();
        if (refused.Count > 0) return CommandOutcome.Invalid(refused);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var conversion = await FundRates.ConvertAsync(db, amount(), options.Value.FundCurrency, valueDate!.Value, valueDateField, ct);
            var recorded = entry(conversion, ApplicationAccess.ActorFor(finance).UserId, now);
            // One bank transfer is booked once: a form sent twice, or two officers recording the same credit, would count it twice.
            await FundBalances.LockAsync(db, ct);
            // Compared here, not in SQL: SQLite's UPPER folds ASCII letters only, .NET folds them all. The fund's own
            // contributions and charges are few (a donor's transfer, a fee), so they are read whole.
            var twice = recorded.BankReference is null ? null
                : (await db.LedgerEntries.AsNoTracking()
                    .Where(e => e.ApplicationId == null && e.Kind == recorded.Kind && e.ReversesEntryId == null && e.BankReference != null
                                && !db.LedgerEntries.Any(r => r.ReversesEntryId == e.Id))
                    .ToListAsync(ct))
                .FirstOrDefault(e => BankText.SameReference(e.BankReference, recorded.BankReference));
            if (twice is not null)
                throw new DomainException(InterfaceLanguage.Format("Finance.TransferTwice", recorded.BankReference, Shown.Money(twice.Amount), twice.ValueDate),
                    nameof(ContributionReceipt.BankReference));
            db.LedgerEntries.Add(recorded);
        }, ct);
    }
}
