using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Final reconciliation of a grant (ADR 0024): finance records what it accepts as spent for a grant terminated without a
/// final report, and waives a small refund due; the grant then closes when balanced.
/// </summary>
public sealed class Reconciliations(UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    /// <summary>The largest refund due the fund waives, in the grant's currency.</summary>
    public Money WaiverThreshold(GrantApplication application) => new(options.Value.RefundWaiverThreshold, application.Currency);

    /// <summary>The percentage above which a budget line's spending is flagged against its budget.</summary>
    public decimal VarianceFlagPercent => options.Value.VarianceFlagPercent;

    public Task<CommandOutcome> RecordTerminationExpenditureAsync(GrantApplication application, ClaimsPrincipal finance, decimal? amount,
        string? note, CancellationToken ct) =>
        actions.RunAsync(finance, () =>
        {
            application.RecordTerminationExpenditure(amount, note);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);

    public Task<CommandOutcome> WaiveRefundAsync(GrantApplication application, ClaimsPrincipal finance, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return actions.RunAsync(finance, () =>
        {
            application.WaiveRefund(WaiverThreshold(application), reason, ApplicationAccess.ActorFor(finance).UserId, now);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
