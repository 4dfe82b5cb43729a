using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// At final reconciliation, finance records the final payment owed to the grantee or the refund received from it, with
/// a fresh code from the authenticator app.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class PaymentModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine,
    FreshSecondFactor secondFactor, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    protected override string Stage => GrantStages.FinalReconciliation;

    [BindProperty] public PaymentInput Input { get; set; } = new();

    public sealed class PaymentInput : PaymentFields
    {
        [Required(ErrorMessage = "Choose a final payment or a refund.")]
        public LedgerEntryKind? Kind { get; set; }
    }

    /// <summary>Positive: still owed to the grantee; negative: to be refunded.</summary>
    public Money? Difference => Application.ReportedExpenditure is { } spent ? spent - (Application.Disbursed - Application.Refunded) : null;

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
        if (Input.Kind is not (null or LedgerEntryKind.Disbursement or LedgerEntryKind.Refund))
            ModelState.AddModelError("Input.Kind", "Choose a final payment or a refund.");
        var a = Application;
        if (Input.Amount is { } amount)
        {
            var unpaid = a.ApprovedAmount!.Value - a.Disbursed;
            var net = a.Disbursed - a.Refunded;
            if (amount <= 0) ModelState.AddModelError("Input.Amount", "The amount must be more than zero.");
            else if (Input.Kind == LedgerEntryKind.Disbursement && amount > unpaid.Amount)
                ModelState.AddModelError("Input.Amount", $"A payment cannot exceed what remains of the commitment, {unpaid}.");
            else if (Input.Kind == LedgerEntryKind.Refund && amount > net.Amount)
                ModelState.AddModelError("Input.Amount", $"A refund cannot exceed what was paid net, {net}.");
        }
        if (!await PaymentCode.AcceptedAsync(this, secondFactor, Input, Input.Kind == LedgerEntryKind.Refund ? "refund" : "final payment", ct))
            return Invalid();
        var kind = Input.Kind!.Value;
        var outcome = await Commands.RunAsync(a, User, app => app.AddLedgerEntry(kind, new Money(Input.Amount!.Value, app.Currency),
            Input.ValueDate!.Value, kind == LedgerEntryKind.Refund ? $"Refund received: {app.Reference}" : $"Final payment: {app.Reference}",
            Input.BankReference, ApplicationAccess.ActorFor(User).UserId, clock.GetUtcNow().UtcDateTime), null, null, ct);
        return outcome.Succeeded ? Done(kind == LedgerEntryKind.Refund ? "Refund recorded." : "Final payment recorded.") : await RefusedAsync(outcome, id, ct);
    }
}
