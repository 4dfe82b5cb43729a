using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.ReferenceData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>The ISU imports the States Parties reference data; every import is kept with its date, so eligibility can use the data of its day.</summary>
[Authorize(Roles = CafRoles.Admin + "," + CafRoles.IsuOfficer)]
public sealed class ReferenceDataModel(CafDbContext db, ReferenceDataImports imports) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>Every problem of a refused file, by line.</summary>
    internal IReadOnlyList<CsvProblem> Problems { get; private set; } = [];
    internal IReadOnlyList<ReferenceDataImport> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Asked before the upload is read, so that a file far too large is never held in memory.
        if (StatesPartiesImport.FileProblem(Upload?.FileName, Upload?.Length ?? 0) is { } problem)
            ModelState.AddModelError(nameof(Upload), problem);
        if (!ModelState.IsValid) return await InvalidAsync(ct);

        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var result = await imports.ImportStatesPartiesAsync(Upload.FileName, buffer.ToArray(),
            User.FindFirstValue(ClaimTypes.NameIdentifier), User.DisplayName(), ct);
        if (result.Import is not { } import)
        {
            Problems = result.Problems;
            ModelState.AddModelError(nameof(Upload),
                InterfaceLanguage.Format("Rates.NothingImported", Upload.FileName, result.Problems.Count));
            return await InvalidAsync(ct);
        }
        TempData["Message"] = InterfaceLanguage.Format("RefData.ImportedFrom", import.RowCount, import.FileName);
        return RedirectToPage();
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Imports = await db.ReferenceDataImports.AsNoTracking().Where(i => i.Kind == ReferenceDataImport.StatesPartiesKind)
            .OrderByDescending(i => i.ImportedAtUtc).ToListAsync(ct);
}
