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

    public List<PartnerRow> Partners { get; set; } = [];
    public List<BudgetRow> Budget { get; set; } = [];
    public List<ParticipantRow> Delegation { get; set; } = [];

    public sealed class PartnerRow
    {
        public Guid? StatePartyId { get; set; }
        public PartnerRole Role { get; set; } = PartnerRole.Host;
    }

    public sealed class BudgetRow
    {
        public BudgetCategory Category { get; set; } = BudgetCategory.Travel;
        public string? Description { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitCost { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitCost is null;
    }

    public sealed class ParticipantRow
    {
        public string? Name { get; set; }
        public string? Function { get; set; }
        public string? Organisation { get; set; }
        public Sex Sex { get; set; } = Sex.NotStated;
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Function) && string.IsNullOrWhiteSpace(Organisation);
    }

    public static DraftForm From(GrantApplication a) => new()
    {
        Title = a.Title,
        Summary = a.Summary,
        RoundId = a.RoundId,
        ActivityStart = a.ActivityStart,
        ActivityEnd = a.ActivityEnd,
        Partners = a.Partners.Select(p => new PartnerRow { StatePartyId = p.StatePartyId, Role = p.Role }).ToList(),
        Budget = a.BudgetLines.OrderBy(l => l.Position).Select(l => new BudgetRow
            { Category = l.Category, Description = l.Description, Quantity = Plain(l.Quantity), UnitCost = Plain(l.UnitCost.Amount) }).ToList(),
        Delegation = a.Participants.Select(p => new ParticipantRow
            { Name = p.Name, Function = p.Function, Organisation = p.Organisation, Sex = p.Sex }).ToList(),
    };

    /// <summary>28 rather than 28.00 or 28.0 in the form: trailing zeros stripped, the value unchanged.</summary>
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Pads each table with blank rows so more can be typed without JavaScript.</summary>
    public void AddBlankRows()
    {
        Partners.AddRange(Enumerable.Range(0, Math.Max(1, 2 - Partners.Count(p => p.StatePartyId is not null))).Select(_ => new PartnerRow()));
        Budget.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new BudgetRow()));
        Delegation.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new ParticipantRow()));
    }

    /// <summary>Row-level checks, each reported against its own field.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        for (var i = 0; i < Budget.Count; i++)
        {
            var row = Budget[i];
            if (row.IsBlank) continue;
            var name = string.IsNullOrWhiteSpace(row.Description) ? $"Budget line {i + 1}" : $"'{row.Description}'";
            if (string.IsNullOrWhiteSpace(row.Description)) yield return ($"Form.Budget[{i}].Description", $"Budget line {i + 1} needs a description.");
            if (row.Quantity is null or <= 0) yield return ($"Form.Budget[{i}].Quantity", $"{name}: the quantity must be more than zero.");
            if (row.UnitCost is null or < 0) yield return ($"Form.Budget[{i}].UnitCost", $"{name}: give a unit cost of zero or more.");
            else if (decimal.Round(row.UnitCost.Value, 2) != row.UnitCost.Value)
                yield return ($"Form.Budget[{i}].UnitCost", $"{name}: the unit cost has at most two decimals.");
        }
        for (var i = 0; i < Delegation.Count; i++)
            if (!Delegation[i].IsBlank && string.IsNullOrWhiteSpace(Delegation[i].Name))
                yield return ($"Form.Delegation[{i}].Name", $"Participant {i + 1} needs a name.");
        if (ActivityStart is { } s && ActivityEnd is { } e && e < s)
            yield return ("Form.ActivityEnd", "The activities must end on or after the day they start.");
    }

    public void ApplyTo(GrantApplication application)
    {
        application.UpdateDraft(Title, Summary, ActivityStart, ActivityEnd);
        application.ReplacePartners(Partners.Where(p => p.StatePartyId is not null).Select(p => (p.StatePartyId!.Value, p.Role)));
        application.ReplaceBudget(Budget.Where(b => !b.IsBlank).Select(b =>
            (b.Category, b.Description ?? "", b.Quantity ?? 0, new Money(b.UnitCost ?? 0, application.Currency))));
        application.ReplaceParticipants(Delegation.Where(p => !p.IsBlank).Select(p =>
            (p.Name ?? "", p.Function ?? "", p.Organisation ?? "", p.Sex)));
    }

    /// <summary>Maps a domain rule's field to the form field that shows its message.</summary>
    public static string FieldKey(string? field) => field switch
    {
        nameof(GrantApplication.BudgetLines) => "Form.Budget",
        nameof(GrantApplication.Partners) => "Form.Partners",
        nameof(GrantApplication.Participants) => "Form.Delegation",
        null => "",
        _ => $"Form.{field}",
    };
}
