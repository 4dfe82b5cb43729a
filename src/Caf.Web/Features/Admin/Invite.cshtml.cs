using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>There is no open sign-up: the ISU or an administrator invites each person with a role (and a state where it has one).</summary>
[Authorize(Roles = CafRoles.Admin + "," + CafRoles.IsuOfficer)]
public sealed class InviteModel(InvitationService invitations, CafDbContext db) : PageModel
{
    [BindProperty] public InviteInput Input { get; set; } = new();
    internal IReadOnlyList<StateParty> States { get; private set; } = [];

    public sealed class InviteInput
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; } = CafRoles.Applicant;

        public Guid? StatePartyId { get; set; }

        /// <summary>The language the person is written to in, from the invitation on.</summary>
        public string? Language { get; set; } = "en";
    }

    public IEnumerable<string> Roles => User.IsInRole(CafRoles.Admin) ? CafRoles.All : CafRoles.All.Where(r => r != CafRoles.Admin);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            return Page();
        }
        var problems = await invitations.InviteAsync(Input.Email, Input.DisplayName, Input.Role ?? "", Input.StatePartyId,
            User, ct, Input.Language);
        if (problems is not null)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError($"Input.{field}", message);
            Response.StatusCode = 400;
            return Page();
        }
        TempData["Message"] = InterfaceLanguage.Format("People.Sent", Input.Email!.Trim());
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        States = await db.StateParties.OrderBy(s => s.Name).ToListAsync(ct);
}
