using System.Diagnostics.CodeAnalysis;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Web.Features.Applications;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features;

/// <summary>The applications this person may see, a page at a time, filtered and sorted in SQL.</summary>
public sealed class IndexModel(ApplicationAccess access, CafDbContext db, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    public sealed record Choice(string Value, string Label);

    /// <summary>A row of the list: what it shows and no more (not the proposal's long texts).</summary>
    public sealed record Row(Guid Id, string? Reference, string Title, StateParty ApplicantState, string Stage,
        string DefinitionId, int DefinitionVersion, Money Requested);

    public IReadOnlyList<Row> Applications { get; private set; } = [];
    public ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);
    public bool CanApply { get; private set; }
    public WorkflowDefinition Workflow => workflows.Latest(WorkflowServices.GrantWorkflowId);

    /// <summary>Stage ids, comma-separated: an applicant's label may stand for several stages.</summary>
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Round { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? State { get; set; }
    /// <summary>Part of a reference or a title.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>The OECD DAC gender equality marker the gender focal point gave (0, 1 or 2): a filter for staff only.</summary>
    [BindProperty(SupportsGet = true)] public int? Marker { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    public static readonly IReadOnlyList<Choice> Sorts =
        [new("newest", "Newest first"), new("reference", "Reference"), new("title", "Title"), new("applicant", "Applicant")];

    public IReadOnlyList<Choice> Stages { get; private set; } = [];
    public IReadOnlyList<Choice> Rounds { get; private set; } = [];
    public IReadOnlyList<Choice> States { get; private set; } = [];
    public bool Filtered => Stage is { Length: > 0 } || Round is not null || State is not null || Q is { Length: > 0 } || (Marker is not null && SeesMarkers);

    /// <summary>The markers, as the OECD DAC names them (the keys of their words).</summary>
    public static readonly IReadOnlyList<Choice> Markers =
        [new("2", "List.Marker2"), new("1", "List.Marker1"), new("0", "List.Marker0")];

    /// <summary>Whether this person may filter by the gender marker: staff, who read the gender-lens review.</summary>
    public bool SeesMarkers => ApplicationAccess.IsStaff(User);

    [SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    [SuppressMessage("Globalization", "CA1311:Specify a culture or use an invariant version", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    [SuppressMessage("Performance", "CA1862:Use the StringComparison method overloads to perform case-insensitive string comparisons", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    public async Task OnGetAsync(CancellationToken ct)
    {
        var visible = access.Visible(User);
        Stages = StageChoices();
        Rounds = await db.Rounds.AsNoTracking().OrderByDescending(r => r.OpensAtUtc)
            .Select(r => new Choice(r.Id.ToString(), r.Title)).ToListAsync(ct);
        // States that have applied at all: one index look-up per state rather than a pass over every application.
        States = [.. (await db.StateParties.AsNoTracking().Where(s => db.Applications.Any(a => a.ApplicantStateId == s.Id)).ToListAsync(ct))
            .Select(s => new Choice(s.Id.ToString(), Shown.State(s))).OrderBy(c => c.Label, Shown.Alphabetical)];

        var query = visible;
        if (Stage is { Length: > 0 })
        {
            var stages = Stage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // One stage, the common filter, asked as an equality: the database reads it from the (stage, list order) index.
            query = stages is [var only] ? query.Where(a => a.ListedStage == only) : query.Where(a => stages.Contains(a.ListedStage));
        }
        if (Round is { } round) query = query.Where(a => a.RoundId == round);
        if (State is { } state) query = query.Where(a => a.ApplicantStateId == state);
        if (Marker is { } marker && SeesMarkers) query = query.Where(a => a.GenderReview != null && a.GenderReview.Marker == marker);
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var q = text[..Math.Min(text.Length, 200)].ToLowerInvariant();
            query = query.Where(a => (a.Reference != null && a.Reference.ToLower().Contains(q)) || a.Title.ToLower().Contains(q));
        }
        var ordered = Sort switch
        {
            "reference" => query.OrderBy(a => a.Reference == null).ThenBy(a => a.Reference).ThenBy(a => a.Id),
            "title" => query.OrderBy(a => a.Title).ThenBy(a => a.Id),
            "applicant" => query.OrderBy(a => a.ApplicantState!.Name).ThenByDescending(a => a.SubmittedAtUtc).ThenBy(a => a.Id),
            // Newest first; staff see no drafts, so their order is the index of submitted applications' own (ADR 0043).
            _ when ApplicationAccess.SeesSubmittedOnly(User) => query.OrderByDescending(a => a.SubmittedAtUtc).ThenByDescending(a => a.CreatedAtUtc)
                .ThenBy(a => a.Id),
            // Drafts (no reference yet) by creation, then by submission, so the highest reference is on top.
            _ => query.OrderBy(a => a.SubmittedAtUtc != null).ThenByDescending(a => a.SubmittedAtUtc).ThenByDescending(a => a.CreatedAtUtc)
                .ThenBy(a => a.Id),
        };
        var (rows, paging) = await ordered.AsNoTracking()
            .Select(a => new { a.Id, a.Reference, a.Title, a.ApplicantState, a.Workflow!.Stage, a.Workflow.DefinitionId, a.Workflow.DefinitionVersion, a.Currency })
            .ToCountedUpToPageAsync(PageNumber, ct);
        // The page's budget lines by id: not a second pass over the whole sorted list.
        var shown = rows.Select(a => a.Id).ToList();
        var lines = (await db.Set<BudgetLine>().AsNoTracking().Where(l => shown.Contains(l.ApplicationId)).ToListAsync(ct)).ToLookup(l => l.ApplicationId);
        Applications = [.. rows.Select(a => new Row(a.Id, a.Reference, a.Title, a.ApplicantState!, a.Stage, a.DefinitionId, a.DefinitionVersion,
            GrantApplication.RequestedOf(lines[a.Id], a.Currency)))];
        Paging = paging;
        var now = clock.GetUtcNow().UtcDateTime;
        CanApply = ApplicationAccess.IsStateApplicant(User) && await OpenRounds.AnyAsync(db, now, ct);
    }

    /// <summary>The stages to filter by, named as this person reads them; stages an applicant sees under one name are one choice.</summary>
    private List<Choice> StageChoices()
    {
        var staff = ApplicationAccess.IsStaff(User);
        return Workflow.Stages
            .GroupBy(s => (staff ? s.Label : s.ApplicantLabel ?? s.Label).Current)
            .Select(g => new Choice(string.Join(',', g.Select(s => s.Id)), g.Key)).ToList();
    }

    public string StageLabel(Row a) => StageLabels.For(workflows.Get(a.DefinitionId, a.DefinitionVersion), a.Stage, User);
}
