using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>How the proposal's choices read on the form, the summary and the details page.</summary>
internal static class ProposalLabels
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

    public static string Label(AgeBand band) => AgeBands.FirstOrDefault(b => b.Band == band).Label ?? band.ToString();

    public static string Label(Disability disability) => Disabilities.FirstOrDefault(d => d.Value == disability).Label ?? disability.ToString();

    public static string Label(Sex sex) => sex switch { Sex.Female => "Female", Sex.Male => "Male", _ => "Not stated" };

    public static string Label(PartnerRole role) => role == PartnerRole.Host ? "host" : "visiting";

    public static string Label(BudgetCategory category) => category switch
    {
        BudgetCategory.DailyAllowance => "Daily allowance",
        _ => category.ToString(),
    };
}
