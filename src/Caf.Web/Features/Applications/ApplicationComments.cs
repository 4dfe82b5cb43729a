using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;

namespace Caf.Web.Features.Applications;

/// <summary>
/// A remark on an application: the applicant state, a partner state (which may not edit the proposal) and the ISU have
/// their say; comments are never edited or deleted.
/// </summary>
public sealed class ApplicationComments(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> AddAsync(GrantApplication application, ClaimsPrincipal user, string? remark, CancellationToken ct)
    {
        if (AuthorFor(application, user) is not { } author)
            return new CommandOutcome(403, [(null, InterfaceLanguage.Text("Comment.NotYours"))]);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(user, () =>
        {
            db.ApplicationComments.Add(new ApplicationComment(application.Id, ApplicationAccess.ActorFor(user).UserId, user.DisplayName(),
                author, remark ?? "", now));
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }

    /// <summary>Whom the person speaks for ("Cambodia, applicant", "Colombia, partner", "ISU"); null when they may not comment.</summary>
    internal static string? AuthorFor(GrantApplication application, ClaimsPrincipal user)
    {
        if (ApplicationAccess.ActsForApplicant(application, user)) return $"{application.ApplicantState?.Name}, applicant";
        if (PartnerStateName(application, user) is { } partner) return $"{partner}, partner";
        return user.IsInRole(CafRoles.IsuOfficer) ? "ISU" : null;
    }

    private static string? PartnerStateName(GrantApplication application, ClaimsPrincipal user) => user.IsInRole(CafRoles.Applicant)
        ? application.Partners.FirstOrDefault(p => p.StatePartyId == user.StatePartyId())?.StateParty?.Name
        : null;
}
