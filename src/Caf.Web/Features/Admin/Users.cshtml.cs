using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>The people with access: roles, state, two-factor, and disabling (which keeps everything they did).</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class UsersModel(CafDbContext db, UserManager<CafUser> users) : PageModel
{
    public sealed record Row(CafUser User, IReadOnlyList<string> Roles, string? State, bool Disabled);

    internal IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var states = await db.StateParties.ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Rows = (await db.Users.OrderBy(u => u.Email).ToListAsync(ct)).Select(u => new Row(u,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList(),
            u.StatePartyId is { } s ? states.GetValueOrDefault(s) : null, u.IsDisabled)).ToList();
    }

    public Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct) => SetDisabledAsync(userId, disable: true, ct);

    public Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken ct) => SetDisabledAsync(userId, disable: false, ct);

    private async Task<IActionResult> SetDisabledAsync(string userId, bool disable, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return NotFound();
        if (disable && user.Id == users.GetUserId(User))
        {
            TempData["Message"] = "You cannot disable your own account.";
            return RedirectToPage();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? CafUser.DisabledUntil : null);
        await users.ResetAccessFailedCountAsync(user);
        // A new security stamp ends the person's open sessions at their next request check.
        await users.UpdateSecurityStampAsync(user);
        db.AuditEvents.Add(new AuditEvent(disable ? "user.disabled" : "user.enabled", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"{user.Email} is {(disable ? "disabled" : "enabled again")}.";
        return RedirectToPage();
    }
}
