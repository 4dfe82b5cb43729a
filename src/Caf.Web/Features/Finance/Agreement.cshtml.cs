using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records the signed agreement and its payment schedule; the tranches are then paid under four eyes.</summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class AgreementModel(ApplicationAccess access, WorkflowEngine engine, Agreements agreements, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Approved;

    [BindProperty] public AgreementInput Input { get; set; } = new();

    public sealed class AgreementInput
    {
        // No attributes: GrantApplication.AgreementProblems says what is wrong, once.
        public DateOnly? SignedOn { get; set; }

        public List<TrancheRow> Tranches { get; set; } = [];

        public string? AccountHolder { get; set; }
        public string? Account { get; set; }
        public string? BankName { get; set; }
        public string? Bic { get; set; }

        public BankDetails Bank() => new(AccountHolder, Account, BankName, Bic);
    }

    public sealed class TrancheRow
    {
        /// <summary>As typed: read by <see cref="Plan"/> with its row's label ("Amount of tranche 2").</summary>
        public string? Amount { get; set; }
        public TrancheCondition? Condition { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Input.SignedOn = Application.AgreementSignedOn ?? FundTime.Today(clock);
        var plan = Application.Tranches.Count > 0
            ? Application.Tranches.Select(t => new TranchePlan(t.Amount.Amount, t.Condition)).ToList()
            : TrancheSchedule.Default(Application.ApprovedAmount!.Value);
        Input.Tranches = plan.Select(p => new TrancheRow { Amount = p.Amount?.ToString("0.00", CultureInfo.InvariantCulture), Condition = p.Condition })
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        if (Input.Tranches.Count > TrancheSchedule.MaxTranches) Input.Tranches = Input.Tranches.Take(TrancheSchedule.MaxTranches + 1).ToList();
        var plan = Plan();
        if (!ModelState.IsValid)
        {
            ShowProblems(agreements.Problems(Application, Input.SignedOn, plan, Input.Bank()));
            return Invalid();
        }
        var outcome = await agreements.RecordAsync(Application, User, Input.SignedOn, plan, Input.Bank(), ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, id, ct);
        TempData["Message"] = "Agreement recorded. Request the first tranche; a second finance officer approves it.";
        return RedirectToPage("/Finance/Tranches", new { id });
    }

    /// <summary>The schedule as typed, each amount read by its row's label; an amount that cannot be read is said at its field.</summary>
    private List<TranchePlan> Plan() =>
        Input.Tranches.Select((t, i) => new TranchePlan(ReadAmount($"Input.Tranches[{i}].Amount", t.Amount, $"Amount of tranche {i + 1}"), t.Condition))
            .ToList();
}
