using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed grant agreement and the first tranche paid on it, with a fresh code from the authenticator
/// app; the grant becomes active.
/// </summary>
public sealed class Agreements(CafDbContext db, UserActions actions, FreshSecondFactor secondFactor, IOptions<GrantRulesOptions> options,
    TimeProvider clock) : IUseCase
{
    /// <summary>Every problem of the signature as typed, with a missing code; the typed code is not tried.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(GrantApplication application, ClaimsPrincipal finance,
        AgreementSignature signature, string? secondFactorCode) =>
        PaymentCode.WithMissingCode(signature.Problems(application, FundTime.Today(clock)), secondFactor, finance, secondFactorCode);

    public async Task<CommandOutcome> SignAsync(GrantApplication application, ClaimsPrincipal finance, AgreementSignature signature,
        string? secondFactorCode, CancellationToken ct)
    {
        if (await PaymentCode.RefusalAsync(Problems(application, finance, signature, secondFactorCode), secondFactor, finance,
                secondFactorCode, "first tranche", ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var tranche = signature.FirstTranche;
        return await actions.RunAsync(finance, async () =>
        {
            // Converted at the value date's rate; the grant books it at its commitment's, and the difference apart (ADR 0022).
            var paid = await FundRates.ConvertAsync(db, tranche.In(application.Currency), options.Value.FundCurrency, tranche.ValueDate!.Value,
                nameof(BankPayment.ValueDate), ct);
            application.SignAgreement(signature.SignedOn!.Value, paid, tranche.ValueDate!.Value,
                tranche.BankReference, ApplicationAccess.ActorFor(finance).UserId, now);
            return new CommandOutcome.Change(application, GrantTriggers.SignAgreement);
        }, ct);
    }
}
