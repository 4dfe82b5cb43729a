using Caf.Data;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// At final reconciliation, finance records the refund received from the grantee, with a fresh code from the
/// authenticator app; what is still owed to the grantee is paid as a tranche (Tranches page).
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class PaymentModel(ApplicationAccess access, WorkflowEngine engine,
    Payments payments, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.FinalReconciliation;

    [BindProperty] public PaymentInput Input { get; set; } = new();

    public sealed class PaymentInput : PaymentFields;

    /// <summary>Positive: still owed to the grantee; negative: to be refunded.</summary>
    public Money? Difference => Application.StillOwed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.ValueDate = FundTime.Today(clock);
        // Shown to the cent however the figures were added up (300.0 − 0 prints "300.0").
        if (Difference is { Amount: < 0 } difference) Input.Amount = decimal.Round(-difference.Amount, 2) + 0.00m;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ModelState.IsValid)
        {
            ShowProblems(payments.Problems(Application, User, Input.Payment(), Input.SecondFactorCode));
            return Invalid();
        }
        var outcome = await payments.RecordRefundAsync(Application, User, Input.Payment(), Input.SecondFactorCode, ct);
        return outcome.Succeeded ? Done(InterfaceLanguage.Text("Payment.RefundDone")) : await RefusedAsync(outcome, id, ct);
    }
}
