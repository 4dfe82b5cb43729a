using System.Security.Claims;
using Caf.Data.Applications;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>
/// The actions fired from the application page with only a comment (start screening, withdraw, accept the final reports,
/// close, terminate…): the workflow definition says who may fire which trigger in which stage, and refuses the rest.
/// </summary>
public sealed class Transitions(UserActions actions) : IUseCase
{
    public Task<CommandOutcome> FireAsync(GrantApplication application, ClaimsPrincipal user, string trigger, string? comment,
        CancellationToken ct)
    {
        var problems = TransitionComment.Problems(comment).ToList();
        if (problems.Count > 0) return Task.FromResult(CommandOutcome.Invalid(problems));
        return actions.RunAsync(user, () => Task.FromResult(new CommandOutcome.Change(application, trigger, comment)), ct);
    }
}
