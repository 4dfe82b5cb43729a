using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records the charges the bank took from the fund's account; the list shows the latest first, a page at a time.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ChargesModel(CafDbContext db, FundEntries entries, TimeProvider clock) : PageModel
{
    [BindProperty] public ChargeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    internal IReadOnlyList<LedgerEntry> Rows { get; private set; } = [];
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);

    /// <summary>No attributes: <see cref="BankChargeEntry.Problems"/> says what is wrong, once.</summary>
    public sealed class ChargeInput
    {
        [Display(Name = "Amount charged")] public decimal? Amount { get; set; }
        [Display(Name = "Currency")] public string? Currency { get; set; } = "CHF";
        [Display(Name = "Value date")] public DateOnly? ValueDate { get; set; }
        [Display(Name = "What for")] public string? Description { get; set; }
        [Display(Name = "Bank reference")] public string? BankReference { get; set; }

        public BankChargeEntry Entry() => new(Amount, Currency, ValueDate, Description, BankReference);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ValueDate = FundTime.Today(clock);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // An amount or a date that could not be read keeps its own message; the rest of the form is checked as well.
            foreach (var (field, message) in Input.Entry().Problems(FundTime.Today(clock)))
                if (ModelState[$"Input.{field}"] is not { Errors.Count: > 0 }) ModelState.AddModelError($"Input.{field}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await entries.RecordBankChargeAsync(User, Input.Entry(), ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = "Bank charge recorded.";
            return RedirectToPage();
        }
        this.ShowRefusal(outcome, field => $"Input.{field}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        (Rows, Paging) = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.BankCharge)
            .OrderByDescending(e => e.ValueDate).ThenByDescending(e => e.RecordedAtUtc).ThenBy(e => e.Id)
            .ToListPageAsync(PageNumber, ct);
}
