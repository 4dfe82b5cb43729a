using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed agreement and the first tranche's payment, with a fresh code from the authenticator app;
/// the grant becomes active.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class AgreementModel(ApplicationAccess access, WorkflowEngine engine,
    Agreements agreements, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Approved;

    [BindProperty] public AgreementInput Input { get; set; } = new();

    public sealed class AgreementInput : PaymentFields
    {
        // No attribute: AgreementSignature.Problems asks for the date.
        public DateOnly? SignedOn { get; set; }

        public AgreementSignature Signature() => new(SignedOn, Payment());
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        var today = FundTime.Today(clock);
        Input.SignedOn = today;
        Input.ValueDate = today;
        Input.Amount = Application.ProposedFirstTranche?.Amount;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (!ModelState.IsValid)
        {
            ShowProblems(agreements.Problems(Application, User, Input.Signature(), Input.SecondFactorCode));
            return Invalid();
        }
        var outcome = await agreements.SignAsync(Application, User, Input.Signature(), Input.SecondFactorCode, ct);
        return outcome.Succeeded ? Done("Agreement recorded and first tranche paid; the grant is active.") : await RefusedAsync(outcome, id, ct);
    }
}
