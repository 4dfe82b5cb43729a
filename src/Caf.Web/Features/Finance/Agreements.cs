using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed grant agreement, its payment schedule and the grantee's bank details (ADR 0023), and keeps a scan
/// of the signed copy. Nothing is paid here: each tranche is then requested, approved by a second finance officer and paid
/// (<see cref="Disbursements"/>).
/// </summary>
public sealed class Agreements(CafDbContext db, UserActions actions, GrantBankDetails bankDetails, TimeProvider clock) : IUseCase
{
    /// <summary>Every problem of the agreement as typed, each with its field.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(GrantApplication application, DateOnly? signedOn, IReadOnlyList<TranchePlan> tranches,
        BankDetails bank) =>
        application.ApprovedAmount is { } approved
            ? [.. GrantApplication.AgreementProblems(signedOn, tranches, approved, FundTime.Today(clock), application.DecidedOn), .. bank.Problems()]
            : [("SignedOn", InterfaceLanguage.Text("Agreement.NotApprovedYet"))];

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

    /// <summary>
    /// The scan of the agreement as signed, with its file's name and type as sent (the content was checked by the form), or
    /// a new one in its place while no tranche is paid (<see cref="GrantApplication.SignedCopyProblem"/>).
    /// </summary>
    public async Task<CommandOutcome> RecordSignedCopyAsync(GrantApplication application, ClaimsPrincipal finance, string? fileName, string? contentType,
        byte[]? content, CancellationToken ct)
    {
        const string field = nameof(GrantApplication.SignedCopyId);
        if (application.SignedCopyProblem() is { } notNow) return CommandOutcome.Invalid([(field, notNow)]);
        if (content is null) return CommandOutcome.Invalid([(field, InterfaceLanguage.Text("Agreement.ChooseCopy"))]);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, () =>
        {
            db.StoredFiles.Add(application.RecordSignedCopy(fileName ?? "", contentType ?? "", content, ApplicationAccess.ActorFor(finance).UserId, now));
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
