using System.ComponentModel.DataAnnotations;
using Caf.Data.Entities;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Finance;

/// <summary>The fund ledger a page at a time, filtered by value date and kind, with the totals of the whole filter per currency.</summary>
[Authorize(Policy = Infrastructure.Policies.LedgerReaders)]
public sealed class LedgerModel(FundLedger ledger, ReconciliationReport reconciliation) : PageModel
{
    internal IReadOnlyList<LedgerRow> Rows { get; private set; } = [];
    internal LedgerTotals Totals { get; private set; } = null!;
    /// <summary>Every currency in fund currency, at the rates the entries were booked at.</summary>
    internal Caf.Data.Finance.FundBalance Fund { get; private set; } = null!;
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);
    internal string FundCurrency => Fund.Cash.Currency;

    /// <summary>The last value date shown (today when not given); the download is the whole ledger as of this date.</summary>
    [BindProperty(SupportsGet = true), Display(Name = "Ledger.AsOf")] public DateOnly? AsOf { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Ledger.From")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public LedgerEntryKind? Kind { get; set; }
    /// <summary>"newest" lists the latest entries first; otherwise oldest first, as in the workbook.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    public bool Filtered => From is not null || Kind is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A kind given as a number out of range is ignored: the page lists every kind, as with none.
        if (Kind is { } kind && !Enum.IsDefined(kind)) Kind = null;
        // A page number or a type that cannot be read is ignored, as the list's own default. A date that cannot be read,
        // or is out of range or order, is said above the form, and the ledger is shown without it.
        foreach (var ignored in new[] { ListPage.Key, nameof(Kind), nameof(Sort) }) ModelState.Remove(ignored);
        foreach (var (field, message) in new LedgerFilter(From, AsOf, Kind, false).Problems())
            ModelState.AddModelError(field == nameof(LedgerFilter.To) ? nameof(AsOf) : field, message);
        if (ModelState[nameof(From)] is { Errors.Count: > 0 }) From = null;
        if (ModelState[nameof(AsOf)] is { Errors.Count: > 0 }) AsOf = null;
        (Rows, Paging, Totals) = await ledger.ReadPageAsync(new LedgerFilter(From, AsOf, Kind, Sort == "newest"), PageNumber, ct);
        Fund = await ledger.FundBalanceAsync(Totals.AsOf, ct);
    }

    /// <summary>The fund ledger workbook as of the date (today when not given); a date that cannot be read or is out of range is said on the page.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (await RefusedAsOfAsync(ct) is { } refused) return refused;
        var (content, totals) = await ledger.ExportAsync(AsOf, ct);
        return File(content, FundLedger.ContentType, FundLedger.FileName(totals.AsOf));
    }

    /// <summary>The reconciliation workbook as of the date (today when not given), audited; a bad date is said on the page.</summary>
    public async Task<IActionResult> OnGetReconciliationAsync(CancellationToken ct)
    {
        if (await RefusedAsOfAsync(ct) is { } refused) return refused;
        var (content, figures) = await reconciliation.ExportAsync(AsOf, ct);
        return File(content, FundLedger.ContentType, ReconciliationFigures.FileName(figures.AsOf));
    }

    /// <summary>
    /// The ledger page (400) with the as-of date's problem above the form, when the date asked for cannot be read or is
    /// out of range: a workbook quietly as of another day would be handed to an auditor as the one asked for.
    /// </summary>
    private async Task<IActionResult?> RefusedAsOfAsync(CancellationToken ct)
    {
        if (ModelState[nameof(AsOf)] is not { Errors.Count: > 0 } && (AsOf is not { } date || Caf.Data.Bounds.Date(InterfaceLanguage.Text("Ledger.TheAsOfDate"), date) is null)) return null;
        await OnGetAsync(ct);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
