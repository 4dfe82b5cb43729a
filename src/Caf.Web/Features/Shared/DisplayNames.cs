using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The words a person reads for each of the application's enums and roles: the one place every feature (pages and
/// workbooks) takes them from, so that no internal identifier ("DailyAllowance", "IsuOfficer") reaches anyone.
/// </summary>
internal static class DisplayNames
{
    public static readonly IReadOnlyList<(ThematicArea Area, string Label)> Themes =
    [
        (ThematicArea.ClearanceAndLandRelease, "Article 5 clearance and land release"),
        (ThematicArea.StockpileDestruction, "Article 4 stockpile destruction"),
        (ThematicArea.RiskEducation, "Explosive ordnance risk education"),
        (ThematicArea.VictimAssistance, "Victim assistance"),
        (ThematicArea.InformationManagement, "Information management"),
        (ThematicArea.NationalCapacityAndOwnership, "National capacity and ownership"),
        (ThematicArea.GenderAndDiversity, "Gender and diversity mainstreaming"),
    ];

    public static readonly IReadOnlyList<(AgeBand Band, string Label)> AgeBands =
    [
        (AgeBand.NotStated, "Not stated"),
        (AgeBand.Under25, "Under 25"),
        (AgeBand.From25To39, "25–39"),
        (AgeBand.From40To59, "40–59"),
        (AgeBand.SixtyAndOver, "60 and over"),
    ];

    public static readonly IReadOnlyList<(Disability Value, string Label)> Disabilities =
    [
        (Disability.NotStated, "Not stated"),
        (Disability.Yes, "Yes"),
        (Disability.No, "No"),
    ];

    public static string Describe(ThematicArea areas) =>
        string.Join("; ", Themes.Where(t => areas.HasFlag(t.Area)).Select(t => t.Label));

    public static string Section(ProposalSection section) => section switch
    {
        ProposalSection.General => "The exchange (title, summary, dates, themes)",
        ProposalSection.Partners => "Partner States Parties",
        ProposalSection.Objectives => "Objectives, results and indicators",
        ProposalSection.Activities => "Activities and itinerary",
        ProposalSection.Delegation => "Delegation",
        ProposalSection.Budget => "Budget and national contribution",
        ProposalSection.GenderAndSafeguarding => "Gender, diversity and safeguarding",
        ProposalSection.FollowUp => "Follow-up",
        _ => "Attachments",
    };

    public static string Label(AgeBand band) => AgeBands.FirstOrDefault(b => b.Band == band).Label ?? "Not stated";

    public static string Label(Disability disability) => Disabilities.FirstOrDefault(d => d.Value == disability).Label ?? "Not stated";

    public static string Label(Sex sex) => sex switch { Sex.Female => "Female", Sex.Male => "Male", _ => "Not stated" };

    public static string Label(PartnerRole role) => role == PartnerRole.Host ? "host" : "visiting";

    public static string Label(BudgetCategory category) => category switch
    {
        BudgetCategory.Travel => "Travel",
        BudgetCategory.Accommodation => "Accommodation",
        BudgetCategory.DailyAllowance => "Daily allowance",
        BudgetCategory.Interpretation => "Interpretation",
        BudgetCategory.Venue => "Venue",
        BudgetCategory.Materials => "Materials",
        _ => "Other",
    };

    public static string Label(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Contribution => "Donor contribution",
        LedgerEntryKind.Commitment => "Commitment",
        LedgerEntryKind.Disbursement => "Payment to grantee",
        LedgerEntryKind.Refund => "Refund from grantee",
        LedgerEntryKind.BankCharge => "Bank charge",
        LedgerEntryKind.CommitmentRelease => "Commitment released",
        LedgerEntryKind.ExchangeLoss => "Exchange difference (loss)",
        LedgerEntryKind.ExchangeGain => "Exchange difference (gain)",
        _ => "Other entry",
    };

    public static string Label(TrancheCondition condition) => condition switch
    {
        TrancheCondition.OnSignature => "On signature",
        TrancheCondition.DuringActivities => "During the activities",
        _ => "After the final reports are accepted",
    };

    public static string Label(ReportStatus status) => status switch
    {
        ReportStatus.Submitted => "awaiting review",
        ReportStatus.Accepted => "accepted",
        _ => "returned to the grantee",
    };

    public static string Label(ChecklistAnswer answer) => answer switch
    {
        ChecklistAnswer.Yes => "Yes",
        ChecklistAnswer.Partial => "Partial",
        ChecklistAnswer.No => "No",
        _ => "Not applicable",
    };

    public static string Label(RoundStatus status) => status switch
    {
        RoundStatus.Draft => "Draft",
        RoundStatus.Open => "Open",
        _ => "Closed",
    };

    /// <summary>A committee decision, stored as the workflow trigger the chair fired, as the minutes state it.</summary>
    public static string Decision(string trigger) => trigger switch
    {
        GrantTriggers.Approve => "Approved",
        GrantTriggers.Reject => "Rejected",
        GrantTriggers.Defer => "Deferred",
        _ => trigger,
    };

    /// <summary>Any of the enums above by its words; for values read back as text, such as a submitted version's fields.</summary>
    public static string Label(Enum value) => value switch
    {
        ThematicArea areas => Describe(areas),
        PartnerRole role => Label(role),
        Sex sex => Label(sex),
        AgeBand band => Label(band),
        Disability disability => Label(disability),
        BudgetCategory category => Label(category),
        _ => value.ToString(),
    };

    /// <summary>A role by the name people use for it; the words live with the roles so the workflow engine's messages use them too.</summary>
    public static string Role(string role) => CafRoles.Describe(role);
}
