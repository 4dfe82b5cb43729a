using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Finance;

[Authorize(Policy = Infrastructure.Policies.LedgerReaders)]
public sealed class LedgerModel(FundLedger ledger) : PageModel
{
    internal IReadOnlyList<LedgerRow> Rows { get; private set; } = [];
    internal LedgerTotals Totals { get; private set; } = null!;

    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => (Rows, Totals) = await ledger.ReadAsync(AsOf, ct);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var (content, totals) = await ledger.ExportBytesAsync(AsOf, ct);
        return File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"caf-fund-ledger-{totals.AsOf:yyyy-MM-dd}.xlsx");
    }
}
