using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Finance;

/// <summary>One grant's ledger as an Excel workbook, for the people who read the fund ledger; every download is audited.</summary>
[Authorize(Policy = Infrastructure.Policies.LedgerReaders)]
public sealed class GrantLedgerModel(GrantLedger ledger) : PageModel
{
    /// <summary>The last value date included (today when not given).</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // A date that cannot be read is ignored: the workbook is as of today, and says so.
        if (!ModelState.IsValid || AsOf is { } date && Caf.Data.Bounds.Date("The as-of date", date) is not null) AsOf = null;
        if (await ledger.ExportAsync(id, AsOf, ct) is not { } export) return NotFound();
        return File(new MemoryStream(export.Content), FundLedger.ContentType, export.FileName);
    }
}
