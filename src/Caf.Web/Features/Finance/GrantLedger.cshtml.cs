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

    /// <summary>Why no workbook was made: the as-of date asked for cannot be read or is out of range.</summary>
    internal string? Problem { get; private set; }

    internal Guid GrantId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // A workbook quietly as of another day would be handed on as the one asked for: a bad date is said, not replaced.
        Problem = ModelState[nameof(AsOf)] is { Errors.Count: > 0 } ? InterfaceLanguage.Text("Ledger.AsOfNotADate")
            : AsOf is { } date ? Caf.Data.Bounds.Date(InterfaceLanguage.Text("Ledger.TheAsOfDate"), date) : null;
        if (Problem is not null)
        {
            GrantId = id;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        if (await ledger.ExportAsync(id, AsOf, ct) is not { } export) return NotFound();
        return File(new MemoryStream(export.Content), FundLedger.ContentType, export.FileName);
    }
}
