using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>The people with access: roles, state, two-factor, and disabling (which keeps everything they did).</summary>
[Authorize(Roles = CafRoles.Admin)]
public sealed class UsersModel(CafDbContext db, UserAccounts accounts) : PageModel
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

    public Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct) =>
        ShowAsync(accounts.DisableAsync(userId, User, ct), "People.IsDisabled");

    public Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken ct) =>
        ShowAsync(accounts.EnableAsync(userId, User, ct), "People.IsEnabled");

    private async Task<IActionResult> ShowAsync(Task<AccountChange> changing, string done)
    {
        var (outcome, email) = await changing;
        if (outcome.StatusCode == StatusCodes.Status404NotFound) return NotFound();
        TempData["Message"] = outcome.Succeeded ? InterfaceLanguage.Format(done, email) : outcome.Errors[0].Message;
        return RedirectToPage();
    }
}
