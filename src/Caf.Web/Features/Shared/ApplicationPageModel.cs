using Caf.Data.Entities;
using Caf.Web.Infrastructure;
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
            TempData["Message"] = InterfaceLanguage.Format("Action.StepClosed", StageLabel);
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

    /// <param name="inputs">The form's input for each domain field the refusal may name; a field it does not name is said in
    /// the summary. Without it, each field is the input of the same name.</param>
    private protected async Task<IActionResult> RefusedAsync(CommandOutcome outcome, Guid id, CancellationToken ct,
        IReadOnlyDictionary<string, string>? inputs = null)
    {
        this.ShowRefusal(outcome, field => field is null ? ""
            : inputs is null ? $"Input.{field}"
            : inputs.TryGetValue(field, out var input) ? $"Input.{input}" : "");
        var status = Response.StatusCode;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>
    /// One step of a page's use case: a form that could not be read ("1,5", a broken date) is shown again as typed before
    /// any rule; a refusal is shown on the page, each message at its input (<paramref name="inputs"/>, as
    /// <see cref="RefusedAsync"/>); done, the page is shown afresh with <paramref name="done"/>.
    /// </summary>
    private protected async Task<IActionResult> StepAsync(Guid id, Func<GrantApplication, Task<CommandOutcome>> step, string done,
        CancellationToken ct, IReadOnlyDictionary<string, string>? inputs = null)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ModelState.IsValid)
        {
            await ShowingAsync(ct);
            return Invalid();
        }
        var outcome = await step(Application);
        if (outcome.Succeeded)
        {
            TempData["Message"] = done;
            return RedirectToPage(new { id });
        }
        var refused = await RefusedAsync(outcome, id, ct, inputs);
        if (refused is PageResult) await ShowingAsync(ct);
        return refused;
    }

    /// <summary>What was sent in <paramref name="key"/>, as typed, or null when the form did not send it: a refused form shows it back.</summary>
    internal string? Typed(string key) => ModelState.TryGetValue(key, out var entry) ? entry.AttemptedValue : null;

    /// <summary>What the page reads besides the application to show itself (names, lists); nothing unless a page says.</summary>
    private protected virtual Task ShowingAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// An amount typed in a row of a form (a budget line, a tranche), read as the binder reads amounts but said by the row's
    /// own label, which the binder does not know ("Amount of tranche 2", not "Amount"). Blank is null; unreadable, it is
    /// said at <paramref name="key"/>, counts as not given, and stays in its field as typed.
    /// </summary>
    private protected decimal? ReadAmount(string key, string? typed, string label)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (StrictDecimalBinder.Read(typed.Trim(), System.Globalization.CultureInfo.CurrentCulture) is { } amount) return amount;
        ModelState.AddModelError(key, PlainBindingMessages.NotANumber(label, typed.Trim()));
        return null;
    }

    /// <summary>
    /// Whether the form sent rows of <paramref name="list"/> ("Input.Tranches") that were not read: the binder reads rows
    /// 0, 1, 2 … and stops at the first missing number, so a row sent after a gap would be dropped without a word. Such a
    /// form (one the page never makes) is refused at the list with <paramref name="message"/>, and nothing is saved.
    /// </summary>
    private protected bool RefusesRowsAfterGap(string list, int read, string message)
    {
        if (!Request.HasFormContentType) return false;
        var unread = Request.Form.Keys.Any(key => key.Length > list.Length + 2 && key.StartsWith(list + "[", StringComparison.Ordinal)
            && key.IndexOf(']', list.Length) is var close and > 0
            && (!int.TryParse(key.AsSpan(list.Length + 1, close - list.Length - 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var row) || row >= read));
        if (unread) ModelState.AddModelError(list, message);
        return unread;
    }
}
