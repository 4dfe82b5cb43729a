using System.ComponentModel.DataAnnotations;
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
        [Required(ErrorMessage = "Give the person's email address."), EmailAddress(ErrorMessage = "Give an email address such as name@example.org.")]
        [StringLength(256, ErrorMessage = "Keep the email address under 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Give the person's name as it should appear to others.")]
        [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = CafRoles.Applicant;

        public Guid? StatePartyId { get; set; }
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
        var problems = await invitations.InviteAsync(Input.Email.Trim(), Input.DisplayName.Trim(), Input.Role, Input.StatePartyId,
            ApplicationAccess.ActorFor(User).UserId, User.IsInRole(CafRoles.Admin), ct);
        if (problems is not null)
        {
            foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
            Response.StatusCode = 400;
            return Page();
        }
        TempData["Message"] = $"Invitation sent to {Input.Email.Trim()}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        States = await db.StateParties.OrderBy(s => s.Name).ToListAsync(ct);
}
