using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The words a person reads for each of the application's enums and roles: the one place every feature (pages and
/// workbooks) takes them from, so that no internal identifier ("DailyAllowance", "IsuOfficer") reaches anyone. Each is
/// the resource text "Name.{Enum}.{Value}" in the page's language (issue 15); outside a request, English.
/// </summary>
internal static class DisplayNames
{
    private static readonly ThematicArea[] ThemeOrder =
    [
        ThematicArea.ClearanceAndLandRelease, ThematicArea.StockpileDestruction, ThematicArea.RiskEducation, ThematicArea.VictimAssistance,
        ThematicArea.InformationManagement, ThematicArea.NationalCapacityAndOwnership, ThematicArea.GenderAndDiversity,
    ];

    /// <summary>The words for <paramref name="value"/> of its enum, in the page's language.</summary>
    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => InterfaceLanguage.Text($"Name.{typeof(TEnum).Name}.{value}");

    public static IReadOnlyList<(ThematicArea Area, string Label)> Themes => [.. ThemeOrder.Select(t => (t, Name(t)))];

    public static IReadOnlyList<(AgeBand Band, string Label)> AgeBands => [.. Enum.GetValues<AgeBand>().Select(b => (b, Name(b)))];

    public static IReadOnlyList<(Disability Value, string Label)> Disabilities => [.. Enum.GetValues<Disability>().Select(d => (d, Name(d)))];

    public static string Describe(ThematicArea areas) =>
        string.Join("; ", ThemeOrder.Where(t => areas.HasFlag(t)).Select(Name));

    public static string Section(ProposalSection section) => DomainText.SectionName(section);

    public static string Label(AgeBand band) => Name(band);

    public static string Label(Disability disability) => Name(disability);

    public static string Label(Sex sex) => Name(sex);

    public static string Label(PartnerRole role) => Name(role);

    public static string Label(BudgetCategory category) => Name(category);

    public static string Label(LedgerEntryKind kind) => Name(kind);

    public static string Label(TrancheCondition condition) => Name(condition);

    public static string Label(ReportStatus status) => Name(status);

    public static string Label(ChecklistAnswer answer) => Name(answer);

    public static string Label(RoundStatus status) => Name(status);

    /// <summary>A committee decision, stored as the workflow trigger the chair fired, as the minutes state it.</summary>
    public static string Decision(string trigger) => trigger switch
    {
        GrantTriggers.Approve => InterfaceLanguage.Text("Name.Decision.Approved"),
        GrantTriggers.Reject => InterfaceLanguage.Text("Name.Decision.Rejected"),
        GrantTriggers.Defer => InterfaceLanguage.Text("Name.Decision.Deferred"),
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

    /// <summary>A role by the name people use for it, in the page's language ("Role.IsuOfficer"); a role the files lack as the roles say it.</summary>
    public static string Role(string role) =>
        InterfaceLanguage.TextOr($"Role.{role}", CafRoles.Describe(role));
}
