using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Committee;

/// <summary>The chair records the committee's decision: approve (with amount and conditions), reject or defer, with a rationale.</summary>
[Authorize(Roles = CafRoles.CommitteeChair)]
public sealed class DecideModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => "CommitteeReview";

    [BindProperty] public DecisionInput Input { get; set; } = new();

    public sealed class DecisionInput
    {
        [Required(ErrorMessage = "Choose approve, reject or defer.")]
        public string? Decision { get; set; }

        [Display(Name = "Approved amount")]
        public decimal? ApprovedAmount { get; set; }

        [Required(ErrorMessage = "Give the committee's rationale for the decision.")]
        [StringLength(4000)]
        public string? DecisionRationale { get; set; }

        [StringLength(4000)]
        public string? Conditions { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.ApprovedAmount = Application.RequestedAmount.Amount;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (Input.Decision is not ("approve" or "reject" or "defer"))
            ModelState.AddModelError("Input.Decision", "Choose approve, reject or defer.");
        if (Input.Decision == "approve" && Input.ApprovedAmount is null)
            ModelState.AddModelError("Input.ApprovedAmount", "Give the approved amount.");
        if (!ModelState.IsValid) return Invalid();
        var outcome = Input.Decision == "approve"
            ? await Commands.RunAsync(Application, User,
                a => a.RecordDecision(new Money(Input.ApprovedAmount!.Value, a.Currency), Input.DecisionRationale!, Input.Conditions,
                    clock.GetUtcNow().UtcDateTime),
                "approve", Input.DecisionRationale, ct)
            : await Commands.FireAsync(Application, User, Input.Decision!, Input.DecisionRationale, ct);
        return outcome.Succeeded ? Done($"Decision recorded: {Input.Decision}.") : await RefusedAsync(outcome, id, ct);
    }
}
