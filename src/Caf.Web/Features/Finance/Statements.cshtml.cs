using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance.Statements;
using Caf.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Bank reconciliation: import a statement, confirm or reject the matches proposed, match or split what is left by hand,
/// and see the statement entries and ledger entries still unmatched.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
[RequestLimit(MaxRequestBytes)]
public sealed class StatementsModel(CafDbContext db, BankStatements statements) : PageModel
{
    /// <summary>Each list shows this many rows at most, oldest first, with the count of all.</summary>
    public const int Shown = 100;

    /// <summary>What one request to this page may carry: the largest statement file, and room for the form around it.</summary>
    public const long MaxRequestBytes = Camt053Reader.MaxBytes + 1024 * 1024;

    /// <summary>How far around a statement entry's value date ledger entries are offered to match it by hand.</summary>
    public const int HandMatchDays = 31;

    [BindProperty, Display(Name = "Statement.File")] public IFormFile? Upload { get; set; }
    [BindProperty, Display(Name = "Statement.TheProposedMatch")] public Guid MatchId { get; set; }
    [BindProperty, Display(Name = "Statement.TheStatementEntry")] public Guid StatementEntryId { get; set; }
    [BindProperty, Display(Name = "Statement.TheEntriesTicked")] public List<Guid> LedgerEntryIds { get; set; } = [];

    public sealed record Proposal(Guid Id, StatementEntry Line, LedgerEntry Entry, string? Grant, string Reason);
    public sealed record OpenLedgerEntry(LedgerEntry Entry, string? Grant);

    internal IReadOnlyList<Proposal> Proposals { get; private set; } = [];
    internal int ProposalCount { get; private set; }
    internal IReadOnlyList<StatementEntry> UnmatchedLines { get; private set; } = [];
    internal int UnmatchedLineCount { get; private set; }
    internal IReadOnlyList<OpenLedgerEntry> UnmatchedEntries { get; private set; } = [];
    internal int UnmatchedEntryCount { get; private set; }
    internal IReadOnlyList<string> ImportProblems { get; private set; } = [];

    /// <summary>The open ledger entries that could settle <paramref name="line"/>: same currency and direction, near its date.</summary>
    internal IEnumerable<OpenLedgerEntry> CandidatesFor(StatementEntry line) =>
        _nearby.Where(e => e.Entry.Amount.Currency == line.Amount.Currency
                           && (e.Entry.Kind is LedgerEntryKind.Refund or LedgerEntryKind.Contribution) == line.IsCredit
                           && Math.Abs(e.Entry.ValueDate.DayNumber - line.ValueDate.DayNumber) <= HandMatchDays);

    private IReadOnlyList<OpenLedgerEntry> _nearby = [];

    private static string TooLarge => InterfaceLanguage.Format("Statement.TooLarge", Camt053Reader.MaxBytes / 1024 / 1024);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A file too large to read at all comes back here, unread (RequestLimitAttribute): said at its field.
        if (HttpContext.Features.Get<RequestTooLarge>() is not null)
        {
            ModelState.AddModelError(nameof(Upload), TooLarge);
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await InvalidAsync(ct);
        if (Upload is null || Upload.Length == 0) return await FieldRefusedAsync(InterfaceLanguage.Text("Statement.ChooseFile"), ct);
        if (Upload.Length > Camt053Reader.MaxBytes) return await FieldRefusedAsync(TooLarge, ct);
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var result = await statements.ImportAsync(User, Upload.FileName, buffer.ToArray(), ct);
        if (!result.Succeeded) return await RefusedAsync(result.Problems, ct);
        TempData["Message"] = InterfaceLanguage.Format("Statement.Imported", result.Statements, result.Added, result.AlreadyImported, result.NotBooked, result.Proposed);
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        StepAsync(() => statements.ConfirmAsync(User, MatchId, ct), InterfaceLanguage.Text("Statement.MatchConfirmed"), ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        StepAsync(() => statements.RejectAsync(User, MatchId, ct), InterfaceLanguage.Text("Statement.ProposalRejected"), ct);

    public Task<IActionResult> OnPostMatchAsync(CancellationToken ct) =>
        StepAsync(() => statements.MatchByHandAsync(User, StatementEntryId, LedgerEntryIds, ct), InterfaceLanguage.Text("Statement.MatchedByHand"), ct);

    /// <summary>Runs the step unless what was sent could not be read (said once, by the field's label); shows its refusal by field.</summary>
    private async Task<IActionResult> StepAsync(Func<Task<CommandOutcome>> step, string done, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await InvalidAsync(ct);
        var outcome = await step();
        if (outcome.Succeeded)
        {
            TempData["Message"] = done;
            return RedirectToPage();
        }
        this.ShowRefusal(outcome, field => field == StatementEntry.LedgerEntriesField ? nameof(LedgerEntryIds) : field ?? "");
        Response.StatusCode = outcome.StatusCode;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> FieldRefusedAsync(string message, CancellationToken ct)
    {
        ModelState.AddModelError(nameof(Upload), message);
        return await InvalidAsync(ct);
    }

    private async Task<IActionResult> RefusedAsync(IReadOnlyList<string> problems, CancellationToken ct)
    {
        ImportProblems = problems;
        return await InvalidAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var proposals = from m in db.StatementMatches.AsNoTracking().Where(m => !m.Confirmed)
            join line in db.StatementEntries on m.StatementEntryId equals line.Id
            join entry in db.LedgerEntries on m.LedgerEntryId equals entry.Id
            orderby line.ValueDate, line.Id
            select new Proposal(m.Id, line, entry, entry.Application!.Reference, m.Reason);
        ProposalCount = await db.StatementMatches.CountAsync(m => !m.Confirmed, ct);
        Proposals = await proposals.Take(Shown).ToListAsync(ct);

        var lines = statements.UnmatchedEntries().OrderBy(e => e.ValueDate).ThenBy(e => e.Id);
        UnmatchedLineCount = await lines.CountAsync(ct);
        UnmatchedLines = await lines.Take(Shown).ToListAsync(ct);

        var open = statements.OpenEntries();
        UnmatchedEntryCount = await open.CountAsync(ct);
        UnmatchedEntries = await open.OrderBy(e => e.ValueDate).ThenBy(e => e.Id).Take(Shown)
            .Select(e => new OpenLedgerEntry(e, e.Application!.Reference)).ToListAsync(ct);

        // The entries offered to match by hand: one read for every line shown.
        if (UnmatchedLines.Count > 0)
        {
            var from = UnmatchedLines.Min(l => l.ValueDate).AddDays(-HandMatchDays);
            var to = UnmatchedLines.Max(l => l.ValueDate).AddDays(HandMatchDays);
            _nearby = await open.Where(e => e.ValueDate >= from && e.ValueDate <= to).OrderBy(e => e.ValueDate).Take(500)
                .Select(e => new OpenLedgerEntry(e, e.Application!.Reference)).ToListAsync(ct);
        }
    }
}
