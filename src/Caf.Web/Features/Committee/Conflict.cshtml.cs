using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>A committee member declares a conflict of interest on an application and is recused from it.</summary>
[Authorize(Roles = CafRoles.CommitteeMember)]
public sealed class ConflictModel(ApplicationAccess access, WorkflowEngine engine, Conflicts conflicts)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.CommitteeReview;

    /// <summary>No attributes: GrantApplication.DeclareConflict says what a reason needs, once.</summary>
    [BindProperty]
    [Display(Name = "Conflict.WhatIsIt")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) is { } redirect ? redirect : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ModelState.IsValid) return Invalid();
        var outcome = await conflicts.DeclareAsync(Application, User, Reason, ct);
        if (outcome.Succeeded)
            return Done(InterfaceLanguage.Text("Conflict.Done"));
        // The form's one field is named as the application names it.
        this.ShowRefusal(outcome);
        return Page();
    }
}
