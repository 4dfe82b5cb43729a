using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
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
        /// <summary>The payment a row's form is for, from its hidden field: text, so that an id nobody typed is never a message.</summary>
        public string? RequestId { get; set; }
        /// <summary>Typed for this approval; never shown back.</summary>
        public string? SecondFactorCode { get; set; }
        public DateOnly? ValueDate { get; set; }
        public string? BankReference { get; set; }
        public string? Reason { get; set; }
        public string? AccountHolder { get; set; }
        public string? Account { get; set; }
        public string? BankName { get; set; }
        public string? Bic { get; set; }

        /// <summary>The payment sent; one that cannot be read is none of this grant's, which the use case says in words.</summary>
        internal Guid Request => Guid.TryParse(RequestId, out var id) ? id : Guid.Empty;
    }

    // Where each step's refusals are shown: the fields of its own form; what is not a field of it goes to the summary.
    private static readonly Dictionary<string, string> RequestInputs = new()
        { [Disbursements.TrancheField] = nameof(PaymentStep.Tranche), [Disbursements.AmountField] = nameof(PaymentStep.Amount) };
    private static readonly Dictionary<string, string> ApprovalInputs = new() { [PaymentCode.Field] = nameof(PaymentStep.SecondFactorCode) };
    private static readonly Dictionary<string, string> PaymentInputs = new()
        { [nameof(BankPayment.ValueDate)] = nameof(PaymentStep.ValueDate), [nameof(BankPayment.BankReference)] = nameof(PaymentStep.BankReference) };
    private static readonly Dictionary<string, string> CancelInputs = new() { [nameof(DisbursementRequest.CancelReason)] = nameof(PaymentStep.Reason) };

    /// <summary>The bank details in full, after "Show in full" (an audited read), for this response only.</summary>
    internal BankDetails? Revealed { get; private set; }

    internal string UserId => ApplicationAccess.ActorFor(User).UserId;
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    internal string NameOf(string? userId) => userId is not null && _names.TryGetValue(userId, out var name) ? name : "";
    internal DateOnly Today => FundTime.Today(clock);

    /// <summary>Whether the form just sent was the one of this payment's row: its fields show what was typed, and its messages.</summary>
    internal bool IsSent(DisbursementRequest payment) => Input.RequestId is not null && Input.Request == payment.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? await ShowAsync(ct);

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await ShowingAsync(ct);
        return Page();
    }

    private protected override async Task ShowingAsync(CancellationToken ct) => _names = await disbursements.PeopleAsync(Application, ct);

    public Task<IActionResult> OnPostRequestAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.RequestAsync(a, User, Input.Tranche, Input.Amount, ct), InterfaceLanguage.Text("Payment.RequestedDone"), ct,
            RequestInputs);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.ApproveAsync(a, User, Input.Request, Input.SecondFactorCode, ct), InterfaceLanguage.Text("Payment.ApprovedDone"), ct,
            ApprovalInputs);

    public Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.PayAsync(a, User, Input.Request, Input.ValueDate, Input.BankReference, ct), InterfaceLanguage.Text("Payment.PaidDone"), ct,
            PaymentInputs);

    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => disbursements.CancelAsync(a, User, Input.Request, Input.Reason, ct), InterfaceLanguage.Text("Payment.CancelledDone"), ct, CancelInputs);

    public Task<IActionResult> OnPostBankAsync(Guid id, CancellationToken ct) =>
        StepAsync(id, a => bankDetails.ChangeAsync(a, User, new(Input.AccountHolder, Input.Account, Input.BankName, Input.Bic), ct),
            InterfaceLanguage.Text("Tranche.BankChanged"), ct);

    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } redirect) return redirect;
        try
        {
            Revealed = await bankDetails.RevealAsync(Application, ct);
        }
        catch (DomainException unreadable)
        {
            ModelState.AddModelError("", unreadable.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return await ShowAsync(ct);
    }
}
