using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

/// <summary>What the applicant types on the draft form. Blank rows are ignored; everything typed is kept on a refusal.</summary>
public sealed class DraftForm
{
    public const int BlankRows = 3;

    // No [Required] or [StringLength]: ProposalDraft.Problems says what is wrong, once, for the page and the API alike.
    [Display(Name = "Field.Title")]
    public string? Title { get; set; }

    [Display(Name = "Field.Summary")]
    public string? Summary { get; set; }

    [Display(Name = "Field.Round")]
    public Guid? RoundId { get; set; }

    [Display(Name = "Field.ActivitiesStart")]
    public DateOnly? ActivityStart { get; set; }

    [Display(Name = "Field.ActivitiesEnd")]
    public DateOnly? ActivityEnd { get; set; }

    [Display(Name = "Field.Themes")]
    public List<ThematicArea> Themes { get; set; } = [];

    [Display(Name = "Field.Actions")]
    public List<Guid> Actions { get; set; } = [];

    [Display(Name = "Field.Objectives")]
    public string? Objectives { get; set; }

    [Display(Name = "Field.GenderAnalysis")]
    public string? GenderAnalysis { get; set; }

    [Display(Name = "Field.DoNoHarm")]
    public string? DoNoHarm { get; set; }

    [Display(Name = "Field.FollowUpPlan")]
    public string? FollowUpPlan { get; set; }

    [Display(Name = "Field.ContributionCash")]
    public decimal? ContributionCash { get; set; }

    [Display(Name = "Field.ContributionInKind")]
    public string? ContributionInKind { get; set; }

    public decimal BudgetTotal => Bounds.Sum(Budget.Select(b => b.Total ?? 0));

    public List<PartnerRow> Partners { get; set; } = [];
    public List<ResultRow> Results { get; set; } = [];
    public List<ActivityRow> Activities { get; set; } = [];
    public List<BudgetRow> Budget { get; set; } = [];
    public List<ParticipantRow> Delegation { get; set; } = [];

    public sealed class PartnerRow
    {
        [Display(Name = "Field.PartnerState")] public Guid? StatePartyId { get; set; }
        [Display(Name = "Field.PartnerRole")] public PartnerRole Role { get; set; } = PartnerRole.Host;
    }

    public sealed class ResultRow
    {
        public string? Result { get; set; }
        public string? Indicator { get; set; }
        public string? Target { get; set; }
        [Display(Name = "Edit.BySex")] public bool BySex { get; set; }
        [Display(Name = "Edit.ByAge")] public bool ByAge { get; set; }
    }

    public sealed class ActivityRow
    {
        public string? Description { get; set; }
        [Display(Name = "Field.ActivityStart")] public DateOnly? Start { get; set; }
        [Display(Name = "Field.ActivityEnd")] public DateOnly? End { get; set; }
        public string? Place { get; set; }
        [Display(Name = "Field.ActivityCountry")] public Guid? StatePartyId { get; set; }
    }

    public sealed class BudgetRow
    {
        [Display(Name = "Edit.Category")] public BudgetCategory Category { get; set; } = BudgetCategory.Travel;
        public string? Description { get; set; }
        [Display(Name = "Field.Quantity")] public decimal? Quantity { get; set; }
        [Display(Name = "Field.UnitCost")] public decimal? UnitCost { get; set; }
        /// <summary>Shown beside the line (cents: CHF, USD, EUR); never throws, whatever was typed (the bounds are reported separately).</summary>
        public decimal? Total => Quantity is { } q && UnitCost is { } u ? Money.Round(Bounds.Product(q, u)) : null;
    }

    public sealed class ParticipantRow
    {
        public string? Name { get; set; }
        public string? Function { get; set; }
        public string? Organisation { get; set; }
        [Display(Name = "Proposal.Sex")] public Sex Sex { get; set; } = Sex.NotStated;
        [Display(Name = "Proposal.Age")] public AgeBand AgeBand { get; set; } = AgeBand.NotStated;
        [Display(Name = "Proposal.Disability")] public Disability Disability { get; set; } = Disability.NotStated;
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

    /// <summary>The draft as the applicant typed it, blank rows included so that a problem names the row they see.</summary>
    public ProposalDraft ToDraft() => new()
    {
        RoundId = RoundId,
        Title = Title,
        Summary = Summary,
        ActivityStart = ActivityStart,
        ActivityEnd = ActivityEnd,
        Themes = Themes.Aggregate(ThematicArea.None, (all, t) => all | t),
        Actions = Actions,
        Objectives = Objectives,
        GenderAnalysis = GenderAnalysis,
        DoNoHarm = DoNoHarm,
        FollowUpPlan = FollowUpPlan,
        ContributionCash = ContributionCash,
        ContributionInKind = ContributionInKind,
        Partners = Partners.Select(p => new ProposalDraft.PartnerRow(p.StatePartyId, p.Role)).ToList(),
        Results = Results.Select(r => new ProposalDraft.ResultRow(r.Result, r.Indicator, r.Target, r.BySex, r.ByAge)).ToList(),
        Activities = Activities.Select(a => new ProposalDraft.ActivityRow(a.Description, a.Start, a.End, a.Place, a.StatePartyId)).ToList(),
        Budget = Budget.Select(b => new ProposalDraft.BudgetRow(b.Category, b.Description, b.Quantity, b.UnitCost)).ToList(),
        Delegation = Delegation.Select(d => new ProposalDraft.ParticipantRow(d.Name, d.Function, d.Organisation, d.Sex, d.AgeBand, d.Disability)).ToList(),
    };

    /// <summary>The draft's rule problems (<see cref="ProposalDraft.Problems"/>), each against the form field that shows it.</summary>
    public IEnumerable<(string Field, string Message)> Validate() =>
        ToDraft().Problems().Select(p => (FieldKey(p.Field), p.Message));

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
        nameof(GrantApplication.NationalContributionInKind) => "Form.ContributionInKind",
        nameof(GrantApplication.EndorsementLetter) or nameof(GrantApplication.Attachments) => "EndorsementLetter",
        _ when field.StartsWith(nameof(GrantApplication.Participants) + "[", StringComparison.Ordinal) =>
            "Form.Delegation" + field[nameof(GrantApplication.Participants).Length..],
        _ when field.StartsWith(nameof(GrantApplication.BudgetLines) + "[", StringComparison.Ordinal) =>
            "Form.Budget" + field[nameof(GrantApplication.BudgetLines).Length..],
        nameof(GrantApplication.ActionLinks) => "Form.Actions",
        _ => $"Form.{field}",
    };
}
