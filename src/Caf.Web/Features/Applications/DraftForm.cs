using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>What the applicant types on the draft form. Blank rows are ignored; everything typed is kept on a refusal.</summary>
public sealed class DraftForm
{
    public const int BlankRows = 3;

    [Required(ErrorMessage = "Give the application a title.")]
    [StringLength(200, ErrorMessage = "Keep the title under 200 characters.")]
    [Display(Name = "Title")]
    public string Title { get; set; } = "";

    [StringLength(4000, ErrorMessage = "Keep the summary under 4,000 characters.")]
    [Display(Name = "Summary of the exchange")]
    public string? Summary { get; set; }

    [Display(Name = "Round")]
    public Guid? RoundId { get; set; }

    [Display(Name = "Activities start")]
    public DateOnly? ActivityStart { get; set; }

    [Display(Name = "Activities end")]
    public DateOnly? ActivityEnd { get; set; }

    [Display(Name = "Thematic areas")]
    public List<ThematicArea> Themes { get; set; } = [];

    [Display(Name = "Action-plan actions this exchange serves")]
    public List<Guid> Actions { get; set; } = [];

    [StringLength(4000, ErrorMessage = "Keep the objectives under 4,000 characters.")]
    [Display(Name = "Objectives")]
    public string? Objectives { get; set; }

    [StringLength(4000, ErrorMessage = "Keep the gender and diversity analysis under 4,000 characters.")]
    [Display(Name = "Gender and diversity analysis")]
    public string? GenderAnalysis { get; set; }

    [StringLength(4000, ErrorMessage = "Keep the do-no-harm and safeguarding text under 4,000 characters.")]
    [Display(Name = "Do no harm and safeguarding")]
    public string? DoNoHarm { get; set; }

    [StringLength(4000, ErrorMessage = "Keep the follow-up plan under 4,000 characters.")]
    [Display(Name = "Follow-up and dissemination plan")]
    public string? FollowUpPlan { get; set; }

    [Display(Name = "National contribution in cash")]
    public decimal? ContributionCash { get; set; }

    [StringLength(2000, ErrorMessage = "Keep the in-kind contribution under 2,000 characters.")]
    [Display(Name = "National contribution in kind")]
    public string? ContributionInKind { get; set; }

    public decimal BudgetTotal => Bounds.Sum(Budget.Select(b => b.Total ?? 0));

    public List<PartnerRow> Partners { get; set; } = [];
    public List<ResultRow> Results { get; set; } = [];
    public List<ActivityRow> Activities { get; set; } = [];
    public List<BudgetRow> Budget { get; set; } = [];
    public List<ParticipantRow> Delegation { get; set; } = [];

    public sealed class PartnerRow
    {
        [Display(Name = "Partner State Party")] public Guid? StatePartyId { get; set; }
        [Display(Name = "Partner's role")] public PartnerRole Role { get; set; } = PartnerRole.Host;
    }

    public sealed class ResultRow
    {
        public string? Result { get; set; }
        public string? Indicator { get; set; }
        public string? Target { get; set; }
        public bool BySex { get; set; }
        public bool ByAge { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Result) && string.IsNullOrWhiteSpace(Indicator) && string.IsNullOrWhiteSpace(Target);
    }

    public sealed class ActivityRow
    {
        public string? Description { get; set; }
        [Display(Name = "Activity start")] public DateOnly? Start { get; set; }
        [Display(Name = "Activity end")] public DateOnly? End { get; set; }
        public string? Place { get; set; }
        [Display(Name = "Country of the activity")] public Guid? StatePartyId { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Start is null && End is null && string.IsNullOrWhiteSpace(Place);
    }

    public sealed class BudgetRow
    {
        public BudgetCategory Category { get; set; } = BudgetCategory.Travel;
        public string? Description { get; set; }
        [Display(Name = "Quantity")] public decimal? Quantity { get; set; }
        [Display(Name = "Unit cost")] public decimal? UnitCost { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitCost is null;
        /// <summary>Shown beside the line (cents: CHF, USD, EUR); never throws, whatever was typed (the bounds are reported separately).</summary>
        public decimal? Total => Quantity is { } q && UnitCost is { } u ? Money.Round(Bounds.Product(q, u)) : null;
    }

    public sealed class ParticipantRow
    {
        public string? Name { get; set; }
        public string? Function { get; set; }
        public string? Organisation { get; set; }
        public Sex Sex { get; set; } = Sex.NotStated;
        public AgeBand AgeBand { get; set; } = AgeBand.NotStated;
        public Disability Disability { get; set; } = Disability.NotStated;
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Function) && string.IsNullOrWhiteSpace(Organisation);
    }

    public static DraftForm From(GrantApplication a) => new()
    {
        Title = a.Title,
        Summary = a.Summary,
        RoundId = a.RoundId,
        ActivityStart = a.ActivityStart,
        ActivityEnd = a.ActivityEnd,
        Themes = Enum.GetValues<ThematicArea>().Where(t => t != ThematicArea.None && a.ThematicAreas.HasFlag(t)).ToList(),
        Actions = a.ActionLinks.Select(l => l.ActionPlanActionId).ToList(),
        Objectives = a.Objectives,
        GenderAnalysis = a.GenderAnalysis,
        DoNoHarm = a.DoNoHarm,
        FollowUpPlan = a.FollowUpPlan,
        ContributionCash = a.NationalContributionCash is { } cash ? Plain(cash) : null,
        ContributionInKind = a.NationalContributionInKind,
        Results = a.Results.OrderBy(r => r.Position).Select(r => new ResultRow
            { Result = r.Result, Indicator = r.Indicator, Target = r.Target, BySex = r.DisaggregatedBySex, ByAge = r.DisaggregatedByAge }).ToList(),
        Activities = a.Activities.OrderBy(x => x.Position).Select(x => new ActivityRow
            { Description = x.Description, Start = x.Start, End = x.End, Place = x.Place, StatePartyId = x.StatePartyId }).ToList(),
        Partners = a.Partners.Select(p => new PartnerRow { StatePartyId = p.StatePartyId, Role = p.Role }).ToList(),
        Budget = a.BudgetLines.OrderBy(l => l.Position).Select(l => new BudgetRow
            { Category = l.Category, Description = l.Description, Quantity = Plain(l.Quantity), UnitCost = Plain(l.UnitCost.Amount) }).ToList(),
        Delegation = a.Participants.Select(p => new ParticipantRow
            { Name = p.Name, Function = p.Function, Organisation = p.Organisation, Sex = p.Sex, AgeBand = p.AgeBand, Disability = p.Disability }).ToList(),
    };

    /// <summary>28 rather than 28.00 or 28.0 in the form: trailing zeros stripped, the value unchanged.</summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Pads each table with blank rows so more can be typed without JavaScript.</summary>
    public void AddBlankRows()
    {
        Partners.AddRange(Enumerable.Range(0, Math.Max(1, 2 - Partners.Count(p => p.StatePartyId is not null))).Select(_ => new PartnerRow()));
        Budget.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new BudgetRow()));
        Results.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new ResultRow()));
        Activities.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new ActivityRow()));
        Delegation.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new ParticipantRow()));
    }

    /// <summary>Row-level checks, each reported against its own field.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        foreach (var problem in TooLong(Results, "Form.Results", "result", r => [("Result", r.Result, 1000), ("Indicator", r.Indicator, 1000), ("Target", r.Target, 500)])
                     .Concat(TooLong(Activities, "Form.Activities", "activity", r => [("Description", r.Description, 1000), ("Place", r.Place, 200)]))
                     .Concat(TooLong(Delegation, "Form.Delegation", "participant", r => [("Name", r.Name, 200), ("Function", r.Function, 200), ("Organisation", r.Organisation, 200)])))
            yield return problem;
        for (var i = 0; i < Results.Count; i++)
            if (!Results[i].IsBlank && string.IsNullOrWhiteSpace(Results[i].Result))
                yield return ($"Form.Results[{i}].Result", $"Result {i + 1} needs a description of the expected result.");
        for (var i = 0; i < Activities.Count; i++)
        {
            var row = Activities[i];
            if (row.IsBlank) continue;
            if (string.IsNullOrWhiteSpace(row.Description)) yield return ($"Form.Activities[{i}].Description", $"Activity {i + 1} needs a description.");
            if (row.Start is { } start && row.End is { } end && end < start)
                yield return ($"Form.Activities[{i}].End", $"Activity {i + 1} must end on or after the day it starts.");
            if (row.Start is { } first && Bounds.Date($"The start of activity {i + 1}", first) is { } early)
                yield return ($"Form.Activities[{i}].Start", early);
            if (row.End is { } last && Bounds.Date($"The end of activity {i + 1}", last) is { } late)
                yield return ($"Form.Activities[{i}].End", late);
        }
        if (GrantApplication.ContributionProblem(ContributionCash) is { } contribution) yield return ("Form.ContributionCash", contribution);
        // The entity's own rules, asked before anything is written so that every problem shows at once.
        foreach (var (field, message) in GrantApplication.BudgetProblems(Budget
                     .Select(b => b.IsBlank ? null : ((string? Description, decimal? Quantity, decimal? UnitCost)?)(b.Description, b.Quantity, b.UnitCost))
                     .ToList()))
            yield return (FieldKey(field), message);
        foreach (var (field, message) in GrantApplication.DateProblems(ActivityStart, ActivityEnd)) yield return (FieldKey(field), message);
        foreach (var (field, noun, count) in new[] { ("Form.Partners", "partners", Partners.Count(p => p.StatePartyId is not null)),
                     ("Form.Results", "results", Results.Count(r => !r.IsBlank)), ("Form.Activities", "activities", Activities.Count(a => !a.IsBlank)),
                     ("Form.Delegation", "participants", Delegation.Count(d => !d.IsBlank)), ("Form.Actions", "action-plan actions", Actions.Distinct().Count()) })
            if (Bounds.Rows(noun, count) is { } tooMany) yield return (field, tooMany);
        for (var i = 0; i < Delegation.Count; i++)
            if (!Delegation[i].IsBlank && string.IsNullOrWhiteSpace(Delegation[i].Name))
                yield return ($"Form.Delegation[{i}].Name", $"Participant {i + 1} needs a name.");
    }

    /// <summary>
    /// Partners, places and action-plan actions are chosen from lists: an id that names none of them (a tampered form)
    /// is refused against its field rather than by the database.
    /// </summary>
    public IEnumerable<(string Field, string Message)> ReferenceProblems(IReadOnlyCollection<StateParty> states, IReadOnlyCollection<Guid> actions)
    {
        for (var i = 0; i < Partners.Count; i++)
            if (Partners[i].StatePartyId is { } partner && !states.Any(s => s.Id == partner && s.IsStateParty))
                yield return ($"Form.Partners[{i}].StatePartyId", $"Partner {i + 1}: choose a State Party from the list.");
        for (var i = 0; i < Activities.Count; i++)
            if (Activities[i].StatePartyId is { } place && states.All(s => s.Id != place))
                yield return ($"Form.Activities[{i}].StatePartyId", $"Activity {i + 1}: choose the country from the list.");
        if (Actions.Any(a => !actions.Contains(a))) yield return ("Form.Actions", "Choose the action-plan actions from the list.");
    }

    private static IEnumerable<(string Field, string Message)> TooLong<T>(List<T> rows, string prefix, string noun,
        Func<T, (string Name, string? Value, int Max)[]> fields)
    {
        for (var i = 0; i < rows.Count; i++)
            foreach (var (name, value, max) in fields(rows[i]))
                if (value is { Length: var length } && length > max)
                    yield return ($"{prefix}[{i}].{name}", $"Keep the {name.ToLowerInvariant()} of {noun} {i + 1} under {max:N0} characters.");
    }

    /// <summary>Writes the form into the application, section by section; during a clarification only the reopened sections.</summary>
    public void ApplyTo(GrantApplication application)
    {
        bool Open(ProposalSection section) => application.IsSectionEditable(section);
        if (Open(ProposalSection.General))
        {
            application.UpdateDraft(Title, Summary, ActivityStart, ActivityEnd);
            application.SetThemes(Themes.Aggregate(ThematicArea.None, (all, t) => all | t));
            application.ReplaceActionPlanActions(Actions);
        }
        if (Open(ProposalSection.Partners))
            application.ReplacePartners(Partners.Where(p => p.StatePartyId is not null).Select(p => (p.StatePartyId!.Value, p.Role)));
        if (Open(ProposalSection.Objectives))
        {
            application.SetObjectives(Objectives);
            application.ReplaceResults(Results.Where(r => !r.IsBlank).Select(r => (r.Result ?? "", r.Indicator ?? "", r.Target ?? "", r.BySex, r.ByAge)));
        }
        if (Open(ProposalSection.Activities))
            application.ReplaceActivities(Activities.Where(r => !r.IsBlank).Select(r => (r.Description ?? "", r.Start, r.End, r.Place ?? "", r.StatePartyId)));
        if (Open(ProposalSection.Budget))
        {
            application.ReplaceBudget(Budget.Where(b => !b.IsBlank).Select(b =>
                (b.Category, b.Description ?? "", b.Quantity ?? 0, new Money(b.UnitCost ?? 0, application.Currency))));
            application.SetNationalContribution(ContributionCash, ContributionInKind);
        }
        if (Open(ProposalSection.Delegation))
            application.ReplaceParticipants(Delegation.Where(p => !p.IsBlank).Select(p =>
                (p.Name ?? "", p.Function ?? "", p.Organisation ?? "", p.Sex, p.AgeBand, p.Disability)));
        if (Open(ProposalSection.GenderAndSafeguarding)) application.SetGenderAndSafeguarding(GenderAnalysis, DoNoHarm);
        if (Open(ProposalSection.FollowUp)) application.SetFollowUpPlan(FollowUpPlan);
    }

    /// <summary>Maps a domain rule's field to the form field that shows its message.</summary>
    public static string FieldKey(string? field) => field switch
    {
        null => "",
        nameof(GrantApplication.BudgetLines) => "Form.Budget",
        nameof(GrantApplication.Partners) => "Form.Partners",
        nameof(GrantApplication.Participants) => "Form.Delegation",
        nameof(GrantApplication.Results) => "Form.Results",
        nameof(GrantApplication.Activities) => "Form.Activities",
        nameof(GrantApplication.ThematicAreas) => "Form.Themes",
        nameof(GrantApplication.NationalContributionCash) => "Form.ContributionCash",
        nameof(GrantApplication.EndorsementLetter) or nameof(GrantApplication.Attachments) => "EndorsementLetter",
        _ when field.StartsWith(nameof(GrantApplication.Participants) + "[", StringComparison.Ordinal) =>
            "Form.Delegation" + field[nameof(GrantApplication.Participants).Length..],
        _ when field.StartsWith(nameof(GrantApplication.BudgetLines) + "[", StringComparison.Ordinal) =>
            "Form.Budget" + field[nameof(GrantApplication.BudgetLines).Length..],
        nameof(GrantApplication.ActionLinks) => "Form.Actions",
        _ => $"Form.{field}",
    };
}
