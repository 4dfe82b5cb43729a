using System.Security.Claims;
using Caf.Data.Entities;
using Caf.Web.Features.Account;

namespace Caf.Web.Features.Committee;

/// <summary>
/// A committee member declares a conflict of interest on an application: from then on they are recused from it, any
/// score of theirs is left out, and the declaration stays in the register.
/// </summary>
public sealed class Conflicts(UserActions actions, TimeProvider clock) : IUseCase
{
    public Task<CommandOutcome> DeclareAsync(GrantApplication application, ClaimsPrincipal member, string? reason, CancellationToken ct)
    {
        var memberId = ApplicationAccess.ActorFor(member).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        return actions.RunAsync(member, () =>
        {
            application.DeclareConflict(memberId, member.DisplayName(), member.StatePartyId(), reason ?? "", now);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
