using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>
/// At final reconciliation, finance records the final payment owed to the grantee or the refund received from it, with a
/// fresh code from the authenticator app.
/// </summary>
public sealed class Payments(CafDbContext db, UserActions actions, FreshSecondFactor secondFactor, IOptions<GrantRulesOptions> options,
    TimeProvider clock) : IUseCase
{
    /// <summary>Every problem of the settlement as typed, with a missing code; the typed code is not tried.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(GrantApplication application, ClaimsPrincipal finance,
        FinalSettlement settlement, string? secondFactorCode) =>
        PaymentCode.WithMissingCode(settlement.Problems(application), secondFactor, finance, secondFactorCode);

    /// <summary>The final payment or the refund, as the settlement's kind says; anything else is refused with its problems.</summary>
    public Task<CommandOutcome> RecordAsync(GrantApplication application, ClaimsPrincipal finance, FinalSettlement settlement,
        string? secondFactorCode, CancellationToken ct) => settlement.Kind switch
    {
        LedgerEntryKind.Disbursement => RecordFinalPaymentAsync(application, finance, settlement.Payment, secondFactorCode, ct),
        LedgerEntryKind.Refund => RecordRefundAsync(application, finance, settlement.Payment, secondFactorCode, ct),
        _ => Task.FromResult(CommandOutcome.Invalid(Problems(application, finance, settlement, secondFactorCode))),
    };

    public Task<CommandOutcome> RecordFinalPaymentAsync(GrantApplication application, ClaimsPrincipal finance, BankPayment payment,
        string? secondFactorCode, CancellationToken ct) =>
        RecordAsync(application, finance, new FinalSettlement(LedgerEntryKind.Disbursement, payment), secondFactorCode, "final payment",
            (amount, userId, now) => application.RecordFinalPayment(amount, payment.ValueDate!.Value, payment.BankReference, userId, now), ct);

    public Task<CommandOutcome> RecordRefundAsync(GrantApplication application, ClaimsPrincipal finance, BankPayment payment,
        string? secondFactorCode, CancellationToken ct) =>
        RecordAsync(application, finance, new FinalSettlement(LedgerEntryKind.Refund, payment), secondFactorCode, "refund",
            (amount, userId, now) => application.RecordRefund(amount, payment.ValueDate!.Value, payment.BankReference, userId, now), ct);

    private async Task<CommandOutcome> RecordAsync(GrantApplication application, ClaimsPrincipal finance, FinalSettlement settlement,
        string? secondFactorCode, string action, Action<Conversion, string, DateTime> record, CancellationToken ct)
    {
        // The code is an authentication step of the action itself: no caller records a payment without it.
        if (await PaymentCode.RefusalAsync(Problems(application, finance, settlement, secondFactorCode), secondFactor, finance,
                secondFactorCode, action, ct) is { } refused)
            return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        return await actions.RunAsync(finance, async () =>
        {
            var moved = await FundRates.ConvertAsync(db, settlement.Payment.In(application.Currency), options.Value.FundCurrency,
                settlement.Payment.ValueDate!.Value, nameof(BankPayment.ValueDate), ct);
            record(moved, ApplicationAccess.ActorFor(finance).UserId, now);
            return new CommandOutcome.Change(application);
        }, ct);
    }
}
