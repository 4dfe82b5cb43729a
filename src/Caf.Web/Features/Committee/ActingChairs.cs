using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Committee;

/// <summary>A person on the committee: a member or the chair, with the state they represent.</summary>
internal sealed record CommitteePerson(string UserId, string Name, Guid? StatePartyId, bool IsChair);

/// <summary>The people on the committee, by name.</summary>
internal static class CommitteePeople
{
    public static async Task<IReadOnlyList<CommitteePerson>> ListAsync(CafDbContext db, CancellationToken ct)
    {
        var roles = await db.Roles.Where(r => r.Name == CafRoles.CommitteeMember || r.Name == CafRoles.CommitteeChair)
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var chairRole = roles.Where(r => r.Name == CafRoles.CommitteeChair).Select(r => r.Id).FirstOrDefault();
        var ids = roles.Select(r => r.Id).ToList();
        var people = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ids.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.StatePartyId, IsChair = db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == chairRole) })
            .ToListAsync(ct);
        return people.Select(p => new CommitteePerson(p.Id, p.DisplayName, p.StatePartyId, p.IsChair)).ToList();
    }
}

/// <summary>
/// The ISU designates a committee member as acting chair for one application whose chair is recused; that member
/// then records the decision on that application only (ADR 0018).
/// </summary>
public sealed class ActingChairs(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    public async Task<CommandOutcome> DesignateAsync(GrantApplication application, ClaimsPrincipal isu, string? memberUserId, CancellationToken ct)
    {
        var people = await CommitteePeople.ListAsync(db, ct);
        if (people.FirstOrDefault(p => p.UserId == memberUserId) is not { } member)
            return CommandOutcome.Invalid([("MemberUserId", InterfaceLanguage.Text("ActingChair.ChooseMember"))]);
        var chairRecused = people.Any(p => p.IsChair && application.IsRecused(p.UserId, p.StatePartyId));
        return await actions.RunAsync(isu, () =>
        {
            application.DesignateActingChair(member.UserId, member.Name, member.StatePartyId, chairRecused, clock.GetUtcNow().UtcDateTime);
            db.AuditEvents.Add(new AuditEvent("committee.acting-chair-designated", nameof(GrantApplication), application.Id.ToString(),
                JsonSerializer.Serialize(new { reference = application.Reference, actingChair = member.Name, actingChairUserId = member.UserId })));
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }
}
