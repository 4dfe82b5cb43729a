using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>The applicant's answer to the ISU's questions: recorded, the reopened sections locked again, and the application resubmitted.</summary>
public sealed class Clarifications(UserActions actions, TimeProvider clock) : IUseCase
{
    public Task<CommandOutcome> AnswerAsync(GrantApplication application, ClaimsPrincipal applicant, string? answer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return actions.RunAsync(applicant, () =>
        {
            application.AnswerClarification(answer ?? "", ApplicationAccess.ActorFor(applicant).UserId, now);
            return Task.FromResult(new CommandOutcome.Change(application, GrantTriggers.Respond, answer));
        }, ct);
    }
}
