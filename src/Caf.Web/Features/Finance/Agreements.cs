using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed grant agreement and the first tranche paid on it, with a fresh code from the authenticator
/// app; the grant becomes active.
/// </summary>
public sealed class Agreements(UserActions actions, FreshSecondFactor secondFactor, TimeProvider clock) : IUseCase
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
        return await actions.RunAsync(finance, () =>
        {
            application.SignAgreement(signature.SignedOn!.Value, tranche.In(application.Currency), tranche.ValueDate!.Value,
                tranche.BankReference, ApplicationAccess.ActorFor(finance).UserId, now);
            return Task.FromResult(new CommandOutcome.Change(application, GrantTriggers.SignAgreement));
        }, ct);
    }
}
