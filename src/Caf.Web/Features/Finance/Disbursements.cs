using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// Payments to a grantee under four eyes (ADR 0023): one finance officer requests a tranche, a different one approves it
/// with a fresh code from the authenticator app, then it is marked paid with its value date, bank reference and rate.
/// The first tranche paid makes the grant active.
/// </summary>
public sealed class Disbursements(CafDbContext db, UserActions actions, FreshSecondFactor secondFactor, IOptions<GrantRulesOptions> options,
    TimeProvider clock) : IUseCase
{
    public const string AmountField = nameof(DisbursementRequest.Amount);
    public const string TrancheField = nameof(DisbursementRequest.TrancheNumber);

    /// <summary>Every problem of a request as typed, each with its field.</summary>
    public static IReadOnlyList<(string Field, string Message)> RequestProblems(GrantApplication application, int? tranche, decimal? amount)
    {
        if (tranche is null) return [(TrancheField, InterfaceLanguage.Text("Payment.ChooseTranche"))];
        if (amount is not { } value) return [(AmountField, InterfaceLanguage.Text("Payment.GiveAmount"))];
        return (application.DisbursementRequestProblem(tranche.Value, value) ?? LedgerEntry.AmountProblem(new Money(value, application.Currency)))
            is { } problem ? [(AmountField, problem)] : [];
    }

    public async Task<CommandOutcome> RequestAsync(GrantApplication application, ClaimsPrincipal finance, int? tranche, decimal? amount,
        CancellationToken ct)
    {
        if (RequestProblems(application, tranche, amount) is { Count: > 0 } problems) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, () =>
        {
            application.RequestDisbursement(tranche!.Value, new Money(amount!.Value, application.Currency), ApplicationAccess.ActorFor(finance).UserId, now);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }

    /// <summary>
    /// The second pair of eyes: never the requester, always with a fresh code, and only while the fund holds the money
    /// (its cash in fund currency at today's rate, read under the fund's lock).
    /// </summary>
    public async Task<CommandOutcome> ApproveAsync(GrantApplication application, ClaimsPrincipal finance, Guid requestId, string? code,
        CancellationToken ct)
    {
        var userId = ApplicationAccess.ActorFor(finance).UserId;
        if (application.Disbursements.FirstOrDefault(d => d.Id == requestId) is not { } request)
            return new CommandOutcome(404, [(null, DisbursementRequest.NoLongerThere)]);
        // Approving one's own request is not allowed (403); one no longer awaiting approval is a state that changed (409).
        if (request.ApprovalProblem(userId) is { } notNow)
            return new CommandOutcome(request.Status == DisbursementStatus.Requested ? 403 : 409, [(null, notNow)]);
        if (await PaymentCode.RefusalAsync(PaymentCode.WithMissingCode([], secondFactor, finance, code), secondFactor, finance, code,
                $"approval of tranche {request.TrancheNumber}", ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            await EnsureFundHoldsAsync(request.Amount, FundTime.DateOf(now), ct);
            application.ApproveDisbursement(requestId, userId, now);
            return new CommandOutcome.Change(application);
        }, ct);
    }

    /// <summary>Every problem of a payment as typed (value date, bank reference), each with its field.</summary>
    public static IReadOnlyList<(string Field, string Message)> PaymentProblems(DisbursementRequest request, DateOnly? valueDate, string? bankReference) =>
        new BankPayment(request.Amount.Amount, valueDate, bankReference).Problems().ToList();

    /// <summary>The bank has paid: booked at the value date's rate; the first tranche paid makes the grant active.</summary>
    public async Task<CommandOutcome> PayAsync(GrantApplication application, ClaimsPrincipal finance, Guid requestId, DateOnly? valueDate,
        string? bankReference, CancellationToken ct)
    {
        if (application.Disbursements.FirstOrDefault(d => d.Id == requestId) is not { } request)
            return new CommandOutcome(404, [(null, DisbursementRequest.NoLongerThere)]);
        if (request.PaymentProblem() is { } notNow) return new CommandOutcome(409, [(null, notNow)]);
        if (PaymentProblems(request, valueDate, bankReference) is { Count: > 0 } problems) return CommandOutcome.Invalid(problems);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var paid = await FundRates.ConvertAsync(db, request.Amount, options.Value.FundCurrency, valueDate!.Value, nameof(BankPayment.ValueDate), ct);
            await EnsureFundHoldsAsync(paid.FundAmount, valueDate.Value, ct);
            application.PayDisbursement(requestId, paid, valueDate.Value, bankReference!.Trim(), ApplicationAccess.ActorFor(finance).UserId, now);
            return new CommandOutcome.Change(application, application.Stage == GrantStages.Approved ? GrantTriggers.SignAgreement : null);
        }, ct);
    }

    public async Task<CommandOutcome> CancelAsync(GrantApplication application, ClaimsPrincipal finance, Guid requestId, string? reason,
        CancellationToken ct)
    {
        if (application.Disbursements.All(d => d.Id != requestId))
            return new CommandOutcome(404, [(null, DisbursementRequest.NoLongerThere)]);
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, () =>
        {
            application.CancelDisbursement(requestId, reason ?? "", ApplicationAccess.ActorFor(finance).UserId, now);
            return Task.FromResult(new CommandOutcome.Change(application));
        }, ct);
    }

    /// <summary>The names of the people who requested, approved or cancelled the grant's payments, by user id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PeopleAsync(GrantApplication application, CancellationToken ct)
    {
        var ids = application.Disbursements.SelectMany(d => new[] { d.RequestedByUserId, d.ApprovedByUserId, d.CancelledByUserId })
            .OfType<string>().Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>Refuses a payment the fund's cash does not cover, with the figures; the fund's lock is held to the end.</summary>
    private async Task EnsureFundHoldsAsync(Money amount, DateOnly date, CancellationToken ct)
    {
        var fundCurrency = options.Value.FundCurrency;
        var inFund = amount.Currency == fundCurrency ? amount
            : (await FundRates.ConvertAsync(db, amount, fundCurrency, date, AmountField, ct)).FundAmount;
        var balance = await FundBalances.ForDecisionAsync(db, fundCurrency, ct);
        if (inFund > balance.Cash)
            throw new DomainException(amount.Currency == fundCurrency
                    ? InterfaceLanguage.Format("Payment.FundTooShort", Shown.Money(balance.Cash), Shown.Money(amount))
                    : InterfaceLanguage.Format("Payment.FundTooShortConverted", Shown.Money(balance.Cash), Shown.Money(amount), Shown.Money(inFund)), AmountField);
    }
}
