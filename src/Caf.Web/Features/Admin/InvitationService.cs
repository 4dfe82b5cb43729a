using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure;
using Caf.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>
/// Invites a person: the account (without a password), its role, the invitation and the email to send commit together;
/// the email leaves through the outbox after the commit.
/// </summary>
public sealed class InvitationService(CafDbContext db, UserManager<CafUser> users, OutboxDispatcher outbox, PublicLinks links, TimeProvider clock)
    : IUseCase
{
    public static readonly string[] StateRoles = [CafRoles.Applicant, CafRoles.CommitteeMember, CafRoles.CommitteeChair];

    /// <summary>
    /// <paramref name="inviter"/> invites a person; only an administrator invites an administrator. Null when sent;
    /// otherwise the problems, by domain field (Email, DisplayName, Role, StatePartyId).
    /// </summary>
    /// <param name="language">The language the invitation, and every later email, is written in (en, fr, es).</param>
    public async Task<IReadOnlyList<(string Field, string Message)>?> InviteAsync(string? email, string? displayName, string role,
        Guid? statePartyId, ClaimsPrincipal inviter, CancellationToken ct, string? language = "en") =>
        (await IssueAsync(email, displayName, role, statePartyId, ApplicationAccess.ActorFor(inviter).UserId, inviter.IsInRole(CafRoles.Admin),
            Invitation.Lifetime, byEmail: true, ct, language)).Problems;

    private static string AlreadyHasAnAccount => InterfaceLanguage.Text("People.AlreadyHasAccount");

    /// <summary>Identity's refusals name its own fields ("Username 'x' is invalid"); the person typed an email address.</summary>
    private static string InWords(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => AlreadyHasAnAccount,
        "InvalidUserName" or "InvalidEmail" => InterfaceLanguage.Text("People.EmailLike"),
        _ => error.Description,
    };

    /// <summary>
    /// Creates the account and its invitation; the link is emailed (an invitation from the People page) or only
    /// returned (the first administrator's, printed by the command line). The problems by field, or the link.
    /// </summary>
    internal async Task<(IReadOnlyList<(string Field, string Message)>? Problems, string? Link, DateTime ExpiresAtUtc)> IssueAsync(string? email,
        string? displayName, string role, Guid? statePartyId, string invitedByUserId, bool byAdmin, TimeSpan lifetime, bool byEmail,
        CancellationToken ct, string? language = "en")
    {
        var problems = new InvitationRequest(email, displayName).Problems().ToList();
        if (CafUser.LanguageProblem(language) is { } languageProblem) problems.Add(("Language", languageProblem));
        email = email?.Trim() ?? "";
        displayName = displayName?.Trim() ?? "";
        if (!CafRoles.All.Contains(role)) problems.Add(("Role", InterfaceLanguage.Text("People.ChooseRole")));
        else if (role == CafRoles.Admin && !byAdmin) problems.Add(("Role", InterfaceLanguage.Text("People.OnlyAdminInvitesAdmin")));
        else
        {
            // English names the role with its article ("An Applicant …"); French and Spanish name the role itself.
            var described = DisplayNames.Role(role);
            if (InterfaceLanguage.Current == "en") described = $"{("AEIOU".Contains(described[0], StringComparison.Ordinal) ? "An" : "A")} {described}";
            if (StateRoles.Contains(role) && statePartyId is null)
                problems.Add(("StatePartyId", InterfaceLanguage.Format("People.RoleNeedsState", described)));
            else if (StateRoles.Contains(role) && !await db.StateParties.AnyAsync(s => s.Id == statePartyId, ct))
                problems.Add(("StatePartyId", InterfaceLanguage.Text("People.StateFromList")));
        }
        if (email.Length > 0 && await users.FindByEmailAsync(email) is not null)
            problems.Add(("Email", AlreadyHasAnAccount));
        if (problems.Count > 0) return (problems, null, default);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = new CafUser
        {
            UserName = email, Email = email, DisplayName = displayName,
            StatePartyId = StateRoles.Contains(role) ? statePartyId : null,
            Language = language!,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return (created.Errors.Select(e => ("Email", InWords(e))).Distinct().ToList(), null, default);
        await users.AddToRoleAsync(user, role);
        var invitation = new Invitation(user.Id, email, role, user.StatePartyId, invitedByUserId, now, out var token, lifetime);
        db.Invitations.Add(invitation);
        var link = links.To($"/Account/AcceptInvitation/{invitation.Id}?token={Uri.EscapeDataString(token)}");
        if (byEmail)
        {
            var (subject, body) = AccountMail.Invitation(displayName, role, link, invitation.ExpiresAtUtc, user.Language);
            db.Outbox.Add(new OutboxMessage(email, subject, body, now, user.Language));
        }
        db.AuditEvents.Add(new AuditEvent("invitation.sent", "User", user.Id,
            JsonSerializer.Serialize(new { email, role, statePartyId = user.StatePartyId, expires = invitation.ExpiresAtUtc, byEmail })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (byEmail) await outbox.TrySendNowAsync(ct);
        return (null, link, invitation.ExpiresAtUtc);
    }
}
