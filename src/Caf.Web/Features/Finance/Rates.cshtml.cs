using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records exchange rates to the fund currency, one on the form or many from a CSV file; the list shows the latest
/// first, a page at a time (ADR 0022).
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class RatesModel(CafDbContext db, ExchangeRates rates, TimeProvider clock, IOptions<GrantRulesOptions> options) : PageModel
{
    [BindProperty] public RateInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }

    internal string FundCurrency => options.Value.FundCurrency;
    /// <summary>Why the file was refused, shown above its problems; null when no import was refused.</summary>
    internal string? ImportRefusal { get; private set; }
    /// <summary>Every problem of a refused file, by line.</summary>
    internal IReadOnlyList<CsvProblem> ImportProblems { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    internal IReadOnlyList<ExchangeRate> Rows { get; private set; } = [];
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);

    public sealed class RateInput
    {
        [Display(Name = "Finance.Currency")] public string? Currency { get; set; } = "USD";
        [Display(Name = "Rates.Date")] public DateOnly? Date { get; set; }
        [Display(Name = "Rates.RateLabel")] public decimal? Rate { get; set; }
        [Display(Name = "Rates.Source")] public string? Source { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Date = FundTime.Today(clock);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Date is null && ModelState["Input.Date"] is not { Errors.Count: > 0 }) ModelState.AddModelError("Input.Date", InterfaceLanguage.Text("Rates.GiveDate"));
        if (Input.Rate is null && ModelState["Input.Rate"] is not { Errors.Count: > 0 }) ModelState.AddModelError("Input.Rate", InterfaceLanguage.Text("Rates.GiveRate"));
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
        var outcome = await rates.RecordAsync(User, Input.Currency, Input.Date!.Value, Input.Rate!.Value, Input.Source, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = InterfaceLanguage.Format("Rates.Recorded", Input.Currency!.Trim().ToUpperInvariant(), Input.Rate, Input.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return RedirectToPage();
        }
        this.ShowRefusal(outcome, field => $"Input.{field}");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        Input.Date ??= FundTime.Today(clock);
        // Asked before the upload is read, so that a file far too large is never held in memory.
        if (ExchangeRateCsv.FileProblem(Upload?.FileName, Upload?.Length ?? 0) is { } problem) return await ImportRefusedAsync(problem, [], ct);

        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var import = await rates.ImportAsync(User, Upload.FileName, buffer.ToArray(), ct);
        if (!import.Succeeded)
            return await ImportRefusedAsync(
                InterfaceLanguage.Format("Rates.NothingImported", Upload.FileName, import.Problems.Count),
                import.Problems, ct);
        TempData["Message"] = InterfaceLanguage.Format("Rates.Imported", import.Imported, import.Skipped);
        return RedirectToPage();
    }

    private async Task<IActionResult> ImportRefusedAsync(string refusal, IReadOnlyList<CsvProblem> problems, CancellationToken ct)
    {
        (ImportRefusal, ImportProblems) = (refusal, problems);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        (Rows, Paging) = await db.ExchangeRates.AsNoTracking()
            .OrderByDescending(r => r.Date).ThenBy(r => r.Currency).ThenBy(r => r.Id)
            .ToListPageAsync(PageNumber, ct);
}
