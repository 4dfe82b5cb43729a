using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Web.Features.Finance;

/// <summary>
/// A grant's payment schedule and its payments under four eyes: request a tranche, approve another officer's request
/// with a fresh code, mark an approved one paid, or cancel one not yet paid.
/// </summary>
[Authorize(Roles = CafRoles.Finance)]
public sealed class TranchesModel(ApplicationAccess access, WorkflowEngine engine, Disbursements disbursements,
    GrantBankDetails bankDetails, TimeProvider clock)
    : ApplicationPageModel(access, engine)
{
    protected override string Stage => GrantStages.Active;

    protected override bool WorksAt(string stage) =>
        stage is GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation;

    [BindProperty] public PaymentStep Input { get; set; } = new();

    /// <summary>One form of the page: which request, and what the step asks.</summary>
    public sealed class PaymentStep
    {
        public int? Tranche { get; set; }
        public decimal? Amount { get; set; }
        public Guid RequestId { get; set; }
        /// <summary>Typed for this approval; never shown back.</summary>
        public string? SecondFactorCode { get; set; }
        public DateOnly? ValueDate { get; set; }
        public string? BankReference { get; set; }
        public string? Reason { get; set; }
        public string? AccountHolder { get; set; }
        public string? Account { get; set; }
        public string? BankName { get; set; }
        public string? Bic { get; set; }
    }

    /// <summary>The bank details in full, after "Show in full" (an audited read), for this response only.</summary>
    internal Caf.Data.Finance.BankDetails? Revealed { get; private set; }

    internal string UserId => ApplicationAccess.ActorFor(User).UserId;
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    internal string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var name) ? name : "";
    internal DateOnly Today => FundTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? await ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await ShowingAsync(ct);
        return Page();
    }

    private protected override async Task ShowingAsync(CancellationToken ct)
    {
        _names = await disbursements.PeopleAsync(Application, ct);
        Input.ValueDate ??= Today;
    }

    public Task<IActionResult> OnPostRequestAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.RequestAsync(a, User, Input.Tranche, Input.Amount, ct), "Payment requested: another finance officer approves it.", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.ApproveAsync(a, User, Input.RequestId, Input.SecondFactorCode, ct), "Payment approved: mark it paid once the bank has made it.", ct);

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.PayAsync(a, User, Input.RequestId, Input.ValueDate, Input.BankReference, ct), "Payment recorded in the ledger.", ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.CancelAsync(a, User, Input.RequestId, Input.Reason, ct), "Payment cancelled; nothing was booked.", ct);

    public Task<IActionResult> OnPostBankAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => bankDetails.ChangeAsync(a, User, new(Input.AccountHolder, Input.Account, Input.BankName, Input.Bic), ct),
            "Bank details changed.", ct);

    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        Revealed = await bankDetails.RevealAsync(Application, ct);
        return await ShowAsync(ct);
    }
}
