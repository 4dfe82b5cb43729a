using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Applications;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed agreement and the first tranche's payment, with a fresh code from the authenticator app;
/// the grant becomes active.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class AgreementModel(ApplicationAccess access, ApplicationCommands commands, WorkflowEngine engine,
    FreshSecondFactor secondFactor, TimeProvider clock)
    : ApplicationPageModel(access, commands, engine)
{
    /// <summary>Share of the approved amount paid on signature (DESIGN.md §5: 80 %).</summary>
    public const decimal FirstTrancheShare = 0.8m;

    protected override string Stage => GrantStages.Approved;

    [BindProperty] public AgreementInput Input { get; set; } = new();

    public sealed class AgreementInput : PaymentFields
    {
        [Required(ErrorMessage = "Give the date the agreement was signed.")]
        public DateOnly? SignedOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var today = FundTime.Today(clock);
        Input.SignedOn = today;
        Input.ValueDate = today;
        Input.Amount = (Application.ApprovedAmount!.Value * FirstTrancheShare).Round().Amount;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var approved = Application.ApprovedAmount!.Value;
        if (Input.Amount is { } amount && (amount <= 0 || amount > approved.Amount))
            ModelState.AddModelError("Input.Amount", $"The first tranche must be more than zero and at most the approved {approved}.");
        if (!await PaymentCode.AcceptedAsync(this, secondFactor, Input, "first tranche", ct)) return Invalid();
        var outcome = await Commands.RunAsync(Application, User, a =>
        {
            a.SignAgreement(Input.SignedOn!.Value);
            a.AddLedgerEntry(LedgerEntryKind.Disbursement, new Money(Input.Amount!.Value, a.Currency), Input.ValueDate!.Value,
                $"Tranche 1: {a.Reference} {a.ApplicantState?.Name}", Input.BankReference, ApplicationAccess.ActorFor(User).UserId,
                clock.GetUtcNow().UtcDateTime);
        }, GrantTriggers.SignAgreement, null, ct);
        return outcome.Succeeded ? Done("Agreement recorded and first tranche paid; the grant is active.") : await RefusedAsync(outcome, id, ct);
    }
}
