using System.Security.Claims;
using Caf.Data;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>
/// The committee's decision on one application, recorded by the chair (or the acting chair of a recused chair, ADR 0018):
/// approving records the amount and conditions, every decision goes into the minutes of the day's meeting, and the
/// workflow moves the application on (approve, reject) or leaves it for the next meeting (defer).
/// </summary>
public sealed class CommitteeDecisions(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> RecordAsync(GrantApplication application, ClaimsPrincipal chair, CommitteeDecision decision,
        CancellationToken ct)
    {
        var today = FundTime.Today(clock);
        var problems = decision.Problems(today).ToList();
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var meetingDate = decision.MeetingDate ?? today;
        // Left empty, the members present are those who scored and the chair: someone was in the room.
        var present = decision.Present.Count > 0 ? decision.Present
            : application.Scores.Select(s => s.MemberName).Append(chair.DisplayName()).ToList();
        return await actions.RunAsync(chair, async () =>
        {
            if (decision.Approves)
                application.RecordDecision(new Money(decision.ApprovedAmount!.Value, application.Currency), decision.DecisionRationale!,
                    decision.Conditions, now);
            var meeting = await db.CommitteeMeetings.Include(m => m.Decisions)
                .FirstOrDefaultAsync(m => m.RoundId == application.RoundId && m.HeldOn == meetingDate, ct);
            if (meeting is null)
                db.CommitteeMeetings.Add(meeting = new CommitteeMeeting(application.RoundId, meetingDate, present,
                    ApplicationAccess.ActorFor(chair).UserId, now));
            else meeting.NoteAttendance(present);
            meeting.Record(application, decision.Decision!, decision.DecisionRationale!.Trim(), now);
            return new CommandOutcome.Change(application, decision.Decision, decision.DecisionRationale);
        }, ct);
    }
}
