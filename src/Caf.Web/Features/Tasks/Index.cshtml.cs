using System.Diagnostics.CodeAnalysis;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Account;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Tasks;

/// <summary>
/// The signed-in person's inbox: open tasks for the roles they hold (applicants: their own state's), overdue first, a
/// page at a time, and notifications.
/// </summary>
public sealed class IndexModel(CafDbContext db, ApplicationAccess access, WorkflowRegistry workflows, TimeProvider clock) : PageModel
{
    /// <summary>A task with its application, and its name in the reader's language (<see cref="TaskTitle"/>; the task keeps the English one).</summary>
    public sealed record TaskRow(WorkflowTask Task, string? Reference, string Title, string TaskTitle);

    internal IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    internal IReadOnlyList<Notification> Notifications { get; private set; } = [];
    internal ListPage Paging { get; private set; } = new(1, ListPage.DefaultSize, 0);
    /// <summary>Counted up to a limit (<see cref="ListPage.CountedUpTo"/>), as long lists are.</summary>
    internal RowCount OverdueCount { get; private set; }
    public DateTime Now { get; private set; }

    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    /// <summary>Part of a reference or a title.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = ListPage.Key)] public int? PageNumber { get; set; }

    [SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    [SuppressMessage("Globalization", "CA1311:Specify a culture or use an invariant version", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    [SuppressMessage("Performance", "CA1862:Use the StringComparison method overloads to perform case-insensitive string comparisons", Justification = "EF Core translates string.ToLower() and Contains(string) in this query to SQL LOWER and LIKE; the culture and StringComparison overloads cannot be translated.")]
    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        var tasks = access.OpenTasks(User);
        var overdue = tasks.Where(t => t.DueAtUtc != null && t.DueAtUtc < now);
        OverdueCount = await overdue.CountUpToAsync(ListPage.CountedUpTo, ct);
        if (Overdue) tasks = overdue;
        var mine = tasks.Join(db.Applications, t => t.SubjectId, a => a.Id, (t, a) => new { Task = t, a.Reference, a.Title, a.Workflow!.DefinitionId, a.Workflow.DefinitionVersion });
        // Every task is an application's (the one kind of workflow subject), so the join drops no task: without a search,
        // the counts read the tasks' own index. Joined, PostgreSQL hashed every application to count them (issue 16).
        var counted = tasks.Select(t => t.Id);
        if (Q?.Trim() is { Length: > 0 } text)
        {
            var q = text[..Math.Min(text.Length, 200)].ToLowerInvariant();
            mine = mine.Where(x => (x.Reference != null && x.Reference.ToLower().Contains(q)) || x.Title.ToLower().Contains(q));
            counted = mine.Select(x => x.Task.Id);
        }
        // Overdue first: every overdue task is due before every other, so the earliest due date first does it; undated last.
        var (rows, paging) = await mine
            .OrderBy(x => x.Task.DueAtUtc == null).ThenBy(x => x.Task.DueAtUtc).ThenBy(x => x.Task.OpenedAtUtc).ThenBy(x => x.Task.Id)
            .ToCountedUpToPageAsync(counted, PageNumber, ct);
        Tasks = rows.Select(x => new TaskRow(x.Task, x.Reference, x.Title, TitleOf(x.Task, x.DefinitionId, x.DefinitionVersion))).ToList();
        Paging = paging;

        Notifications = await access.Notifications(User).OrderByDescending(n => n.CreatedAtUtc).Take(50).ToListAsync(ct);
    }

    /// <summary>The task's name in the page's language, from its workflow; the English one it was opened with if the workflow has no such task.</summary>
    private string TitleOf(WorkflowTask task, string definitionId, int version) =>
        workflows.Get(definitionId, version).TaskTitle(task.TaskId, task.Title);
}
