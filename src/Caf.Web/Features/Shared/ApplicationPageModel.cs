using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Base for the pages that act on one application at one stage: loads it with the user's visibility rules and sends the
/// user back to the application when the stage has moved on.
/// </summary>
public abstract class ApplicationPageModel : PageModel
{
    private protected ApplicationPageModel(ApplicationAccess access, WorkflowEngine engine)
    {
        Access = access;
        Engine = engine;
    }

    private protected ApplicationAccess Access { get; }
    private protected WorkflowEngine Engine { get; }

    internal GrantApplication Application { get; private set; } = null!;

    /// <summary>The stage this page works in.</summary>
    protected abstract string Stage { get; }

    /// <summary>Whether the page works at <paramref name="stage"/>: <see cref="Stage"/> unless a page works across several.</summary>
    protected virtual bool WorksAt(string stage) => stage == Stage;

    public string StageLabel => Engine.DefinitionOf(Application.Workflow!).StageLabel(Application.Stage);

    /// <summary>Null when the page may be shown; otherwise the result to return instead.</summary>
    private protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var application = await Access.LoadAsync(id, User, ct);
        if (application is null) return NotFound();
        Application = application;
        if (!WorksAt(application.Stage))
        {
            TempData["Message"] = $"This application is now at the stage '{StageLabel}'; that step is no longer open.";
            return RedirectToPage("/Applications/Details", new { id });
        }
        return null;
    }

    /// <summary>Shows the form again, with its messages and everything typed, as a 400.</summary>
    private protected IActionResult Invalid()
    {
        Response.StatusCode = 400;
        return Page();
    }

    /// <summary>
    /// Adds a use case's rule problems to the form's binding errors, so that a person sees everything at once; a field that
    /// could not be read keeps only that message.
    /// </summary>
    private protected void ShowProblems(IEnumerable<(string Field, string Message)> problems)
    {
        foreach (var (field, message) in problems)
        {
            var key = $"Input.{field}";
            if (ModelState[key] is not { Errors.Count: > 0 }) ModelState.AddModelError(key, message);
        }
    }

    private protected IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return RedirectToPage("/Applications/Details", new { id = Application.Id });
    }

    private protected async Task<IActionResult> RefusedAsync(CommandOutcome outcome, Guid id, CancellationToken ct)
    {
        this.ShowRefusal(outcome, f => f is null ? "" : $"Input.{f}");
        var status = Response.StatusCode;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }
}
