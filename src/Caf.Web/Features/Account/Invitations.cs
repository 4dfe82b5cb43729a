using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Account;

/// <summary>
/// The invitee's side of an invitation (the ISU's side, issuing it, is Admin's InvitationService): the link is checked
/// (signature, expiry, single use) on every request, and accepting it sets the password, confirms the email address,
/// uses up the link and is audited, in one transaction.
/// </summary>
public sealed class Invitations(CafDbContext db, UserManager<CafUser> users, TimeProvider clock) : IUseCase
{
    /// <summary>The invitation behind a link, or why the link cannot be used, in words for the invitee.</summary>
    public async Task<(Invitation? Invitation, string? Problem)> CheckAsync(Guid id, string? token, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct);
        var problem = invitation is null
            ? InterfaceLanguage.Text("Auth.InvitationNotValid")
            : invitation.Problem(token ?? "", clock.GetUtcNow().UtcDateTime);
        return problem is null ? (invitation, null) : (null, problem);
    }

    /// <summary>
    /// The invitee chooses a password. Refused with the link's problem (no field, 400), the account's absence (no field),
    /// or the password's problems (field Password, 400); nothing is saved when refused.
    /// </summary>
    public async Task<CommandOutcome> AcceptAsync(Guid id, string? token, string password, CancellationToken ct)
    {
        var (invitation, problem) = await CheckAsync(id, token, ct);
        if (invitation is null) return new CommandOutcome(StatusCodes.Status400BadRequest, [(null, problem!)]);
        var user = await users.FindByIdAsync(invitation.UserId);
        if (user is null)
            // Shown on the page as it always was, with a 200: the link itself is fine.
            return new CommandOutcome(StatusCodes.Status200OK,
                [(null, InterfaceLanguage.Text("Auth.InvitationNoAccount"))]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
            return new CommandOutcome(StatusCodes.Status400BadRequest, result.Errors.Select(e => ((string?)"Password", e.Description)).ToList());
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        try
        {
            invitation.Accept(token ?? "", clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            // The link expired between the check and now: nothing of the password is kept.
            return new CommandOutcome(StatusCodes.Status400BadRequest, [(ex.Field, ex.Message)]);
        }
        db.AuditEvents.Add(new AuditEvent("invitation.accepted", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return CommandOutcome.Done;
    }
}
