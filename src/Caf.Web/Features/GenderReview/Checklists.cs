using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.GenderReview;

/// <summary>
/// The gender focal point completes the gender-lens checklist of an application, in the version its round names, with
/// the gender marker; completing it moves the application to the committee.
/// </summary>
public sealed class Checklists(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    /// <summary>The version of the checklist the application's round uses; null when the round names one that does not exist.</summary>
    public Task<GenderChecklist?> ForAsync(GrantApplication application, CancellationToken ct) =>
        db.GenderChecklists.AsNoTracking().Include(c => c.Items)
            .FirstOrDefaultAsync(c => c.Version == application.Round!.GenderChecklistVersion, ct);

    internal static string MissingVersion(GrantApplication application) =>
        InterfaceLanguage.Format("Gender.MissingVersion", application.Round!.GenderChecklistVersion);

    public async Task<CommandOutcome> CompleteAsync(GrantApplication application, ClaimsPrincipal focalPoint, GenderReviewAnswers answers,
        CancellationToken ct)
    {
        if (await ForAsync(application, ct) is not { } checklist)
            return new CommandOutcome(409, [(null, MissingVersion(application))]);
        var problems = answers.Problems(checklist.Items.Count).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);

        var reviewer = ApplicationAccess.ActorFor(focalPoint).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(focalPoint, () =>
        {
            application.CompleteGenderReview(new Data.Entities.GenderReview(application.Id, checklist,
                answers.Answers.Select((answer, i) => (answer!.Value, answers.Evidence.ElementAtOrDefault(i))).ToList(),
                answers.Marker!.Value, answers.Rationale!, reviewer, now));
            return Task.FromResult(new CommandOutcome.Change(application, GrantTriggers.CompleteChecklist, answers.Rationale));
        }, ct);
    }
}
