namespace Caf.Workflows.Grants;

/// <summary>Rules the ISU can set in configuration (section "Grants").</summary>
public sealed class GrantRulesOptions
{
    public const string Section = "Grants";

    /// <summary>How many committee scores a decision needs.</summary>
    public int CommitteeQuorum { get; set; } = 3;

    /// <summary>Members "disagree strongly" when their scores differ by more than this (on a criterion or overall).</summary>
    public decimal ScoreSpreadThreshold { get; set; } = Caf.Data.Committee.CommitteeAggregation.DefaultSpreadThreshold;

    /// <summary>The fund's time zone (IANA id): business dates are dates there (Caf.Data.FundTime, ADR 0017).</summary>
    public string TimeZone { get; set; } = Caf.Data.FundTime.DefaultZoneId;

    /// <summary>The fund's currency, in which the ledger is kept.</summary>
    public string FundCurrency { get; set; } = "CHF";

    /// <summary>A refund due up to this amount (in the grant's currency: CHF, USD and EUR alike) may be waived, recorded and audited (ADR 0024).</summary>
    public decimal RefundWaiverThreshold { get; set; } = 100m;

    /// <summary>A budget line whose reported spending differs from its budget by more than this percentage is flagged for the ISU.</summary>
    public decimal VarianceFlagPercent { get; set; } = 10m;
}
