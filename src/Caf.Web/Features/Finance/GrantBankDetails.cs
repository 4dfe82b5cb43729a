using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Microsoft.AspNetCore.DataProtection;

namespace Caf.Web.Features.Finance;

/// <summary>
/// The grantee's bank details (ADR 0023): kept encrypted with ASP.NET Data Protection, shown masked; a change is audited
/// with the grant, and showing them in full is an audited read.
/// </summary>
public sealed class GrantBankDetails(UserActions actions, RecordedReads reads, IDataProtectionProvider protection, TimeProvider clock) : IUseCase
{
    private readonly IDataProtector _protector = protection.CreateProtector("Caf.Finance.BankDetails.v1");

    /// <summary>Sets them on <paramref name="application"/> inside a use case's unit of work (the agreement, or a change).</summary>
    internal void Apply(GrantApplication application, BankDetails details, ClaimsPrincipal finance)
    {
        var normalized = details.Normalized();
        application.SetBankDetails(_protector.Protect(normalized.ToJson()), normalized.Masked(), ApplicationAccess.ActorFor(finance).UserId,
            clock.GetUtcNow().UtcDateTime);
    }

    public async Task<CommandOutcome> ChangeAsync(GrantApplication application, ClaimsPrincipal finance, BankDetails details, CancellationToken ct)
    {
        if (details.Problems().ToList() is { Count: > 0 } problems) return CommandOutcome.Invalid(problems);
        return await actions.RunAsync(finance, () =>
        {
            Apply(application, details, finance);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }

    /// <summary>The details in full, for the officer making the transfer; each showing is recorded in the audit trail.</summary>
    public async Task<BankDetails?> RevealAsync(GrantApplication application, CancellationToken ct)
    {
        if (application.BankDetailsProtected is not { } protectedDetails) return null;
        BankDetails details;
        try
        {
            details = BankDetails.FromJson(_protector.Unprotect(protectedDetails));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // The key that protected them is gone (a lost key ring) or the stored text is not ours: said, never a server error.
            throw new DomainException(InterfaceLanguage.Text("Finance.BankDetailsUnreadable"));
        }
        await reads.RecordAsync("bank-details.revealed", nameof(GrantApplication), application.Id.ToString(), new { application.Reference }, ct);
        return details;
    }
}
