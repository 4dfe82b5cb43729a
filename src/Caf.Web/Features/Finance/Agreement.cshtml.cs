using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Finance records the signed agreement and its payment schedule, then a scan of the signed copy; the tranches are then
/// paid under four eyes.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class AgreementModel(ApplicationAccess access, WorkflowEngine engine, Agreements agreements, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Approved;

    // The schedule is typed while the grant is approved; the signed copy may come later, until the grant closes.
    protected override bool WorksAt(string stage) =>
        stage is GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation;

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

        /// <summary>The scan of the signed agreement, sent on its own form.</summary>
        public IFormFile? SignedCopy { get; set; }

        public BankDetails Bank() => new(AccountHolder, Account, BankName, Bic);
    }

    public sealed class TrancheRow
    {
        /// <summary>As typed: read by <see cref="Plan"/> with its row's label ("Amount of tranche 2").</summary>
        public string? Amount { get; set; }
        [System.ComponentModel.DataAnnotations.Display(Name = "Tranche.WhenThePaid")]
        public TrancheCondition? Condition { get; set; }
    }

    // A refusal of the signed copy is said at its file field.
    private static readonly Dictionary<string, string> CopyInputs = new() { [nameof(GrantApplication.SignedCopyId)] = nameof(AgreementInput.SignedCopy) };

    /// <summary>The schedule is typed on this page while the grant is approved; afterwards the page shows the agreement as recorded.</summary>
    internal bool SchedulesHere => Application.Stage == GrantStages.Approved;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        await ShowingAsync(ct);
        return Page();
    }

    /// <summary>The agreement as recorded (or the default schedule), for the form the page shows beside the one sent.</summary>
    private protected override Task ShowingAsync(CancellationToken ct)
    {
        Input.SignedOn = Application.AgreementSignedOn ?? FundTime.Today(clock);
        var plan = Application.Tranches.Count > 0
            ? Application.Tranches.Select(t => new TranchePlan(t.Amount.Amount, t.Condition)).ToList()
            : TrancheSchedule.Default(Application.ApprovedAmount!.Value);
        Input.Tranches = plan.Select(p => new TrancheRow { Amount = p.Amount?.ToString("0.00", CultureInfo.InvariantCulture), Condition = p.Condition })
            .ToList();
        return Task.CompletedTask;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        RefusesRowsAfterGap("Input.Tranches", Input.Tranches.Count, InterfaceLanguage.Text("Agreement.OutOfOrder"));
        if (Input.Tranches.Count > TrancheSchedule.MaxTranches) Input.Tranches = Input.Tranches.Take(TrancheSchedule.MaxTranches + 1).ToList();
        var plan = Plan();
        if (!ModelState.IsValid)
        {
            ShowProblems(agreements.Problems(Application, Input.SignedOn, plan, Input.Bank()));
            return Invalid();
        }
        var outcome = await agreements.RecordAsync(Application, User, Input.SignedOn, plan, Input.Bank(), ct);
        if (!outcome.Succeeded) return await RefusedAsync(outcome, id, ct);
        TempData["Message"] = InterfaceLanguage.Text("Agreement.Done");
        return RedirectToPage("/Finance/Tranches", new { id });
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid id, CancellationToken ct)
    {
        byte[]? content = null;
        if (Input.SignedCopy is { } file)
        {
            // Reading the upload (its kind by its content, its size) is the form's part; when a copy may be kept is the grant's.
            (content, var unreadable) = await UploadedDocuments.ReadAsync(file, GrantApplication.SignedCopyMaxBytes, FileSignatures.ScanKinds, ct);
            if (unreadable is not null) ModelState.AddModelError("Input.SignedCopy", unreadable);
        }
        return await StepAsync(id, a => agreements.RecordSignedCopyAsync(a, User, Input.SignedCopy?.FileName, Input.SignedCopy?.ContentType, content, ct),
            InterfaceLanguage.Text("Agreement.CopyDone"), ct, CopyInputs);
    }

    /// <summary>The schedule as typed, each amount read by its row's label; an amount that cannot be read is said at its field.</summary>
    private List<TranchePlan> Plan() =>
        Input.Tranches.Select((t, i) => new TranchePlan(ReadAmount($"Input.Tranches[{i}].Amount", t.Amount, InterfaceLanguage.Format("Tranche.AmountOf", i + 1)), t.Condition))
            .ToList();
}
