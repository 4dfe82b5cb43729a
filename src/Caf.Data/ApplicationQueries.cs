using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data;

public static class ApplicationQueries
{
    /// <summary>
    /// The applications that reached the committee, whatever became of them since: the completed gender checklist is what
    /// sends an application to committee review (the gender-checklist-complete guard), and nothing else does.
    /// </summary>
    public static IQueryable<GrantApplication> ReachedCommittee(this IQueryable<GrantApplication> applications) =>
        applications.Where(a => a.GenderReview != null);

    /// <summary>
    /// The applications at a stage, by the stage the database keeps on the application's row (ADR 0043): it seeks the
    /// applications' (stage, list order) and (round, stage) indexes instead of joining every workflow instance (issue 16).
    /// </summary>
    public static IQueryable<GrantApplication> AtStage(this IQueryable<GrantApplication> applications, string stage) =>
        applications.Where(a => a.ListedStage == stage);

    /// <summary>The applications at either of two stages, as <see cref="AtStage(IQueryable{GrantApplication}, string)"/>.</summary>
    public static IQueryable<GrantApplication> AtStage(this IQueryable<GrantApplication> applications, string stage, string orStage) =>
        applications.Where(a => a.ListedStage == stage || a.ListedStage == orStage);

    /// <summary>The whole aggregate that guards, actions and the details page need, in split queries.</summary>
    public static IQueryable<GrantApplication> WithGraph(this IQueryable<GrantApplication> applications) =>
        applications
            .Include(a => a.Round)
            .Include(a => a.ApplicantState)
            .Include(a => a.Workflow).ThenInclude(w => w!.History)
            .Include(a => a.Partners).ThenInclude(p => p.StateParty)
            .Include(a => a.BudgetLines)
            .Include(a => a.Participants)
            .Include(a => a.Results)
            .Include(a => a.Activities)
            .Include(a => a.ActionLinks)
            .Include(a => a.Attachments)
            .Include(a => a.EligibilityChecks)
            .Include(a => a.Screenings)
            .Include(a => a.Clarifications)
            .Include(a => a.Conflicts)
            .Include(a => a.GenderReview).ThenInclude(r => r!.Answers)
            .Include(a => a.Scores)
            .Include(a => a.Reports).ThenInclude(r => r.Lines)
            .Include(a => a.InterimReportsDue)
            .Include(a => a.LedgerEntries)
            .Include(a => a.Tranches)
            .Include(a => a.Disbursements)
            .AsSplitQuery();
}
