using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Finance;

/// <summary>Finance corrects a fund entry recorded by mistake with a reversal that names it.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ReverseModel(LedgerCorrections corrections) : PageModel
{
    internal LedgerEntry Entry { get; private set; } = null!;

    [BindProperty, Display(Name = "Reversal.Why")] public string? Reason { get; set; }

    [BindProperty, Display(Name = "Reversal.AcceptOverCommitment")]
    public bool OverCommitmentAccepted { get; set; }

    /// <summary>Shown once the reversal was refused for an over-commitment, so that finance can accept it knowingly.</summary>
    internal bool AsksAboutOverCommitment => ModelState.ContainsKey(nameof(OverCommitmentAccepted)) || OverCommitmentAccepted;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await corrections.ReversibleAsync(id, ct) is not { } entry) return NotFound();
        Entry = entry;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await corrections.ReversibleAsync(id, ct) is not { } entry) return NotFound();
        Entry = entry;
        var outcome = await corrections.ReverseAsync(User, id, Reason, OverCommitmentAccepted, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = InterfaceLanguage.Format("Reversal.Done", entry.Description, Shown.Money(entry.Amount));
            return RedirectToPage("/Finance/Ledger");
        }
        this.ShowRefusal(outcome, field => field switch
        {
            nameof(LedgerEntry.Description) => nameof(Reason),
            LedgerCorrections.OverCommitmentField => nameof(OverCommitmentAccepted),
            _ => field ?? "",
        });
        return Page();
    }
}
