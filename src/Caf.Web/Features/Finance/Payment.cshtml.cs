using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// At final reconciliation, finance records the final payment owed to the grantee or the refund received from it, with
/// a fresh code from the authenticator app.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class PaymentModel(ApplicationAccess access, WorkflowEngine engine,
    Payments payments, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.FinalReconciliation;

    [BindProperty] public PaymentInput Input { get; set; } = new();

    public sealed class PaymentInput : PaymentFields
    {
        // No attribute: FinalSettlement.Problems asks for the choice.
        public LedgerEntryKind? Kind { get; set; }
    }

    /// <summary>Positive: still owed to the grantee; negative: to be refunded.</summary>
    public Money? Difference => Application.StillOwed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.ValueDate = FundTime.Today(clock);
        if (Difference is { } difference && difference.Amount != 0)
        {
            Input.Kind = difference.Amount > 0 ? LedgerEntryKind.Disbursement : LedgerEntryKind.Refund;
            Input.Amount = Math.Abs(difference.Amount);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var settlement = new FinalSettlement(Input.Kind, Input.Payment());
        if (!ModelState.IsValid)
        {
            ShowProblems(payments.Problems(Application, User, settlement, Input.SecondFactorCode));
            return Invalid();
        }
        var outcome = await payments.RecordAsync(Application, User, settlement, Input.SecondFactorCode, ct);
        var refund = Input.Kind == LedgerEntryKind.Refund;
        return outcome.Succeeded ? Done(refund ? "Refund recorded." : "Final payment recorded.") : await RefusedAsync(outcome, id, ct);
    }
}
