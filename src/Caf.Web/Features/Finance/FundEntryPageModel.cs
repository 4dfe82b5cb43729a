using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>A form's fields for money on the fund's own account: whatever else it asks, a value date.</summary>
public interface IFundEntryInput
{
    DateOnly? ValueDate { get; set; }
}

/// <summary>The entries of one kind on a fund entry page, latest first, a page at a time, reversals shown as such.</summary>
public sealed record FundEntryList(LedgerEntryKind Kind, IReadOnlyList<LedgerRow> Rows, ListPage Paging);

/// <summary>
/// What the pages that record money on the fund's own account (contributions, bank charges) share: the form that records
/// one entry through <see cref="FundEntries"/>, and the list of those already recorded.
/// </summary>
public abstract class FundEntryPageModel<TInput>(CafDbContext db, TimeProvider clock) : PageModel where TInput : IFundEntryInput, new()
{
    [BindProperty] public TInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    internal FundEntryList List { get; private set; } = null!;

    protected abstract LedgerEntryKind Kind { get; }

    /// <summary>Every problem of the form's values, by field, as the use case would refuse them.</summary>
    protected abstract IEnumerable<(string Field, string Message)> Problems(DateOnly today);

    protected abstract Task<CommandOutcome> RecordAsync(CancellationToken ct);

    /// <summary>Said once the entry is recorded.</summary>
    protected abstract string Recorded { get; }

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
            foreach (var (field, message) in Problems(FundTime.Today(clock)))
                if (ModelState[$"Input.{field}"] is not { Errors.Count: > 0 }) ModelState.AddModelError($"Input.{field}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await RecordAsync(ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = Recorded;
            return RedirectToPage();
        }
        this.ShowRefusal(outcome, field => $"Input.{field}");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (rows, paging) = await LedgerRows.Of(db, db.LedgerEntries.AsNoTracking().Where(e => e.Kind == Kind), newestFirst: true)
            .ToListPageAsync(PageNumber, ct);
        List = new FundEntryList(Kind, rows, paging);
    }
}
