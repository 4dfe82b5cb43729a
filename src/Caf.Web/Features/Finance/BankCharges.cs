using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records a charge the bank took from the fund's account, converted to the fund currency at its value date.</summary>
public sealed class BankCharges(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> RecordAsync(ClaimsPrincipal finance, BankChargeEntry charge, CancellationToken ct)
    {
        var problems = charge.Problems(FundTime.Today(clock)).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var conversion = await FundRates.ConvertAsync(db, charge.Money(), options.Value.FundCurrency, charge.ValueDate!.Value,
                nameof(BankChargeEntry.ValueDate), ct);
            db.LedgerEntries.Add(LedgerEntry.BankChargeOnFund(conversion, charge.ValueDate!.Value, charge.Description!.Trim(), charge.BankReference,
                ApplicationAccess.ActorFor(finance).UserId, now));
        }, ct);
    }
}
