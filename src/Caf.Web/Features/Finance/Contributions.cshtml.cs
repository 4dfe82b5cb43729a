using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records donors' contributions as they reach the fund's account; the list shows the latest first, a page at a time.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ContributionsModel(CafDbContext db, FundEntries entries, TimeProvider clock) : PageModel
{
    [BindProperty] public ContributionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    internal IReadOnlyList<LedgerEntry> Rows { get; private set; } = [];
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);

    /// <summary>No attributes: <see cref="ContributionReceipt.Problems"/> says what is wrong, once.</summary>
    public sealed class ContributionInput
    {
        [Display(Name = "Donor")] public string? Donor { get; set; }
        [Display(Name = "Earmarking (if the donor set one)")] public string? Earmarking { get; set; }
        [Display(Name = "Amount received")] public decimal? Amount { get; set; }
        [Display(Name = "Currency")] public string? Currency { get; set; } = "CHF";
        [Display(Name = "Value date")] public DateOnly? ValueDate { get; set; }
        [Display(Name = "Bank reference")] public string? BankReference { get; set; }

        public ContributionReceipt Receipt() => new(Donor, Earmarking, Amount, Currency, ValueDate, BankReference);
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
            foreach (var (field, message) in Input.Receipt().Problems(FundTime.Today(clock)))
                if (ModelState[$"Input.{field}"] is not { Errors.Count: > 0 }) ModelState.AddModelError($"Input.{field}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await entries.RecordContributionAsync(User, Input.Receipt(), ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = $"Contribution from {Input.Donor!.Trim()} recorded.";
            return RedirectToPage();
        }
        this.ShowRefusal(outcome, field => $"Input.{field}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        (Rows, Paging) = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.Contribution)
            .OrderByDescending(e => e.ValueDate).ThenByDescending(e => e.RecordedAtUtc).ThenBy(e => e.Id)
            .ToListPageAsync(PageNumber, ct);
}
