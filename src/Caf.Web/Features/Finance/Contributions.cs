using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records a donor's contribution as it reaches the fund's account, converted to the fund currency at its value date.</summary>
public sealed class Contributions(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> RecordAsync(ClaimsPrincipal finance, ContributionReceipt receipt, CancellationToken ct)
    {
        var problems = receipt.Problems(FundTime.Today(clock)).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var conversion = await FundRates.ConvertAsync(db, receipt.Money(), options.Value.FundCurrency, receipt.ValueDate!.Value,
                nameof(ContributionReceipt.ValueDate), ct);
            db.LedgerEntries.Add(LedgerEntry.Contribution(receipt.Donor!, receipt.Earmarking, conversion, receipt.ValueDate!.Value,
                receipt.BankReference, ApplicationAccess.ActorFor(finance).UserId, now));
        }, ct);
    }
}
