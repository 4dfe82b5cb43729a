using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>
/// What finance records at final reconciliation: the final payment owed to the grantee, or the refund received from it.
/// <see cref="Problems"/> lists every broken rule at once; <see cref="GrantApplication.RecordFinalPayment"/> and
/// <see cref="GrantApplication.RecordRefund"/> refuse the first.
/// </summary>
public sealed record FinalSettlement(LedgerEntryKind? Kind, BankPayment Payment)
{
    /// <summary>Every rule the settlement breaks for <paramref name="application"/>, each with its field.</summary>
    public IEnumerable<(string Field, string Message)> Problems(GrantApplication application)
    {
        if (Kind is not (LedgerEntryKind.Disbursement or LedgerEntryKind.Refund))
            yield return (nameof(Kind), "Choose a final payment or a refund.");
        Func<decimal, string?> cap = Kind switch
        {
            LedgerEntryKind.Disbursement => application.FinalPaymentProblem,
            LedgerEntryKind.Refund => application.RefundProblem,
            _ => _ => null,
        };
        foreach (var problem in Payment.Problems(application.Currency, cap)) yield return problem;
    }
}
