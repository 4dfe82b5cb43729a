using Caf.Data.Entities;

namespace Caf.Data.Finance;

/// <summary>What a kind of ledger entry is, for those who group or show entries.</summary>
public static class LedgerKinds
{
    /// <summary>
    /// An exchange loss or gain: an entry only in fund currency beside a payment in another currency (ADR 0022), the fund's
    /// own accounting. Ledgers show it apart from any currency's line; an applicant never sees it.
    /// </summary>
    public static bool IsExchangeDifference(LedgerEntryKind kind) => kind is LedgerEntryKind.ExchangeLoss or LedgerEntryKind.ExchangeGain;
}
