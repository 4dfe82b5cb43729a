using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// At final reconciliation, finance records the refund received from the grantee, with a fresh code from the
/// authenticator app. Payments to the grantee go through <see cref="Disbursements"/>.
/// </summary>
public sealed class Payments(CafDbContext db, UserActions actions, FreshSecondFactor secondFactor, IOptions<GrantRulesOptions> options,
    TimeProvider clock) : IUseCase
{
    /// <summary>Every problem of the refund as typed, with a missing code; the typed code is not tried.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(GrantApplication application, ClaimsPrincipal finance,
        BankPayment refund, string? secondFactorCode) =>
        PaymentCode.WithMissingCode(refund.Problems(application.Currency, application.RefundProblem), secondFactor, finance, secondFactorCode);

    public async Task<CommandOutcome> RecordRefundAsync(GrantApplication application, ClaimsPrincipal finance, BankPayment refund,
        string? secondFactorCode, CancellationToken ct)
    {
        // The code is an authentication step of the action itself: no caller records a refund without it.
        if (await PaymentCode.RefusalAsync(Problems(application, finance, refund, secondFactorCode), secondFactor, finance,
                secondFactorCode, "refund", ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var received = await FundRates.ConvertAsync(db, refund.In(application.Currency), options.Value.FundCurrency,
                refund.ValueDate!.Value, nameof(BankPayment.ValueDate), ct);
            application.RecordRefund(received, refund.ValueDate.Value, refund.BankReference, ApplicationAccess.ActorFor(finance).UserId, now);
            return new CommandOutcome.Change(application);
        }, ct);
    }
}
