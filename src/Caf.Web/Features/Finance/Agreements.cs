using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed grant agreement, its payment schedule and the grantee's bank details (ADR 0023). Nothing is paid here: each tranche
/// is then requested, approved by a second finance officer and paid (<see cref="Disbursements"/>).
/// </summary>
public sealed class Agreements(UserActions actions, GrantBankDetails bankDetails, TimeProvider clock) : IUseCase
{
    /// <summary>Every problem of the agreement as typed, each with its field.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(GrantApplication application, DateOnly? signedOn, IReadOnlyList<TranchePlan> tranches,
        BankDetails bank) =>
        application.ApprovedAmount is { } approved
            ? [.. GrantApplication.AgreementProblems(signedOn, tranches, approved, FundTime.Today(clock), application.DecidedOn), .. bank.Problems()]
            : [("SignedOn", "The agreement is recorded once the committee has approved the grant.")];

    public async Task<CommandOutcome> RecordAsync(GrantApplication application, ClaimsPrincipal finance, DateOnly? signedOn,
        IReadOnlyList<TranchePlan> tranches, BankDetails bank, CancellationToken ct)
    {
        if (Problems(application, signedOn, tranches, bank) is { Count: > 0 } problems) return CommandOutcome.Invalid(problems);
        return await actions.RunAsync(finance, () =>
        {
            application.RecordAgreement(signedOn!.Value, tranches, FundTime.Today(clock));
            bankDetails.Apply(application, bank, finance);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
