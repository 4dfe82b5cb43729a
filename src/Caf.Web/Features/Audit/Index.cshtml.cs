using System.ComponentModel.DataAnnotations;
using System.Text;
using Caf.Data;
using Caf.Data.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Audit;

/// <summary>
/// The audit trail for the Auditor and the administrator (issue 13, ADR 0027): every record, filtered and a page at a
/// time; the trail verified on demand; the latest signed checkpoint and the public key to keep.
/// </summary>
[Authorize(Roles = $"{CafRoles.Auditor},{CafRoles.Admin}")]
public sealed class IndexModel(AuditTrail trail, AuditCheckpoints checkpoints, AuditSigning signing, AuditExtract extract,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true), Display(Name = "Audit.From")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Audit.To")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Audit.Person")] public string? Person { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "People.Action")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Audit.KindOfRecord")] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Audit.ApplicationReference")] public string? Application { get; set; }
    /// <summary>The sequence number the page lists records before (older than); none for the newest.</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    internal AuditPage Records { get; private set; } = new([], null);
    internal IReadOnlyList<string> Actions { get; private set; } = [];
    internal IReadOnlyList<string> EntityTypes { get; private set; } = [];
    internal AuditVerificationRecord? LastVerification { get; private set; }
    internal Caf.Data.Entities.AuditCheckpoint? LatestCheckpoint { get; private set; }
    internal string? SigningProblem => signing.Problem;
    internal string? KeyId => signing.Key?.KeyId;

    private AuditFilter Filter => new(From, To, Person, Action, EntityType, Application);

    /// <summary>The query string of the filter as given, for the paging links.</summary>
    internal string FilterQuery(long? before)
    {
        var query = new StringBuilder("?");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim())).Append('&');
        }
        Add(nameof(From), From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(nameof(To), To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add(nameof(Person), Person);
        Add(nameof(Action), Action);
        Add(nameof(EntityType), EntityType);
        Add(nameof(Application), Application);
        Add(nameof(Before), before?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query.ToString().TrimEnd('&', '?');
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A date that cannot be read, or is out of range or order, is said above the form, and the list is shown without it.
        foreach (var (field, message) in Filter.Problems()) ModelState.AddModelError(field, message);
        if (ModelState[nameof(From)] is { Errors.Count: > 0 }) From = null;
        if (ModelState[nameof(To)] is { Errors.Count: > 0 }) To = null;
        if (ModelState[nameof(Before)] is { Errors.Count: > 0 }) Before = null;
        if (ModelState[nameof(Person)] is { Errors.Count: > 0 }) Person = null;
        if (ModelState[nameof(Action)] is { Errors.Count: > 0 }) Action = null;
        if (ModelState[nameof(EntityType)] is { Errors.Count: > 0 }) EntityType = null;
        if (ModelState[nameof(Application)] is { Errors.Count: > 0 }) Application = null;
        Records = await trail.ReadAsync(Filter, Before, ct);
        (Actions, EntityTypes) = await trail.ChoicesAsync(ct);
        LastVerification = await trail.LastVerificationAsync(ct);
        LatestCheckpoint = await checkpoints.LatestAsync(ct);
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        var result = await trail.VerifyAsync(User, ct);
        TempData["Message"] = InterfaceLanguage.Format(result.Ok ? "Audit.Verifies" : "Audit.DoesNotVerify", result);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckpointAsync(CancellationToken ct)
    {
        var (checkpoint, problem) = await checkpoints.WriteAsync(User, ct);
        TempData["Message"] = checkpoint is null ? InterfaceLanguage.Format("Audit.NotSigned", problem)
            : InterfaceLanguage.Format("Audit.Signed", checkpoint.Sequence, checkpoint.HeadHash);
        return RedirectToPage();
    }

    /// <summary>The records the filter keeps, oldest first, as an Excel workbook (streamed, audited); a bad filter is said on the page.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (Filter.Problems().Any() || !ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        var (content, _) = await extract.ExportAsync(User, Filter, ct);
        return File(content, AuditExtract.ContentType, $"caf-audit-trail-{Caf.Data.FundTime.Today(clock):yyyy-MM-dd}.xlsx");
    }

    /// <summary>The latest signed checkpoint as a JSON file to keep (audit verify --checkpoint FILE).</summary>
    public async Task<IActionResult> OnGetCheckpointAsync(CancellationToken ct)
    {
        if (await checkpoints.LatestAsync(ct) is not { } latest) return NotFound();
        return File(Encoding.UTF8.GetBytes(AuditCheckpointFile.Of(latest).ToJson()), "application/json",
            $"caf-audit-checkpoint-{latest.Sequence}.json");
    }

    /// <summary>The public key that verifies the checkpoints (audit verify --public-key FILE), to keep apart from the server.</summary>
    public IActionResult OnGetPublicKey() =>
        signing.Key is { } key ? File(Encoding.ASCII.GetBytes(key.PublicKeyPem), "application/x-pem-file", $"caf-audit-key-{key.KeyId}.pem") : NotFound();
}
