using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Reporting;

/// <summary>The ISU records an extension of the final report's due date it agreed with the grantee; the reminders follow.</summary>
[Authorize(Roles = CafRoles.IsuOfficer)]
public sealed class ExtensionModel(ApplicationAccess access, WorkflowEngine engine, ReportExtensions extensions) : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Reporting;
    protected override bool WorksAt(string stage) => stage is GrantStages.Active or GrantStages.Reporting;

    [BindProperty] public ExtensionInput Input { get; set; } = new();

    public sealed class ExtensionInput
    {
        [Display(Name = "Extension.NewDueDate")]
        public DateOnly? DueOn { get; set; }

        [Display(Name = "Extension.Reason")]
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, application => extensions.ExtendAsync(application, User, Input.DueOn, Input.Reason, ct),
            InterfaceLanguage.Text("Extension.Recorded"), ct);
}
