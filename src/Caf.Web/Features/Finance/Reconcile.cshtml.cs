using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// A grant at final reconciliation: what was reported and accepted, paid and refunded, and what remains; finance records
/// the expenditure accepted at termination or waives a small refund due, then closes the grant from its page.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class ReconcileModel(ApplicationAccess access, WorkflowEngine engine, Reconciliations reconciliations)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.FinalReconciliation;

    [BindProperty] public SettlementInput Input { get; set; } = new();

    public sealed class SettlementInput
    {
        // Its label on the form, which a message about it names ("Accepted as spent must be a number…").
        [Display(Name = "Reconcile.AcceptedAsSpent")]
        public decimal? TerminationExpenditureValue { get; set; }
        public string? TerminationExpenditureNote { get; set; }
        public string? RefundWaiverReason { get; set; }
    }

    internal Money WaiverThreshold => reconciliations.WaiverThreshold(Application);
    internal string? SettlementProblem => Application.SettlementProblem();
    internal decimal VarianceFlagPercent => reconciliations.VarianceFlagPercent;
    internal IReadOnlyList<LineVariance> Variances => Application.AcceptedReport?.Variances(Application.Currency, VarianceFlagPercent) ?? [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostTerminationAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => reconciliations.RecordTerminationExpenditureAsync(a, User, Input.TerminationExpenditureValue, Input.TerminationExpenditureNote, ct),
            InterfaceLanguage.Text("Reconcile.TerminationDone"), ct);

    public Task<IActionResult> OnPostWaiveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => reconciliations.WaiveRefundAsync(a, User, Input.RefundWaiverReason, ct), InterfaceLanguage.Text("Reconcile.WaivedDone"), ct);
}
