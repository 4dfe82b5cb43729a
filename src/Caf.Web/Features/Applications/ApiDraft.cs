using System.ComponentModel.DataAnnotations;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Applications;

public sealed record ApiPartner(string? IsoCode, string? Role);

public sealed record ApiBudgetLine(string? Category, string? Description, decimal? Quantity, decimal? UnitCost);

public sealed record ApiParticipant(string? Name, string? Function, string? Organisation, string? Sex, string? AgeBand, string? Disability);

public sealed record ApiResult(string? Result, string? Indicator, string? Target, bool BySex, bool ByAge);

public sealed record ApiActivity(string? Description, DateOnly? Start, DateOnly? End, string? Place, string? IsoCode);

/// <summary>
/// The body of POST /api/v1/applications: the draft form of the Edit page, with State Parties by ISO code and choices by
/// name. It is turned into a <see cref="DraftForm"/> so that the API and the page apply the same rules.
/// </summary>
public sealed record ApiDraft(
    Guid? RoundId,
    string? Title,
    string? Summary,
    DateOnly? ActivityStart,
    DateOnly? ActivityEnd,
    IReadOnlyList<ApiPartner>? Partners,
    IReadOnlyList<ApiBudgetLine>? Budget,
    IReadOnlyList<ApiParticipant>? Delegation,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<ApiResult>? Results,
    IReadOnlyList<ApiActivity>? Activities,
    string? Objectives,
    string? GenderAnalysis,
    string? DoNoHarm,
    string? FollowUpPlan,
    decimal? ContributionCash,
    string? ContributionInKind,
    string? Currency = null)
{
    /// <summary>
    /// The draft form, and what JSON can get wrong that a form cannot, keyed by the JSON field ("budget[1].quantity"):
    /// codes and names that mean nothing, lists longer than any proposal has, and the form's field attributes. A row
    /// whose code means nothing stays in its place (blank), so that the draft's own rules name the rows as sent.
    /// The draft's rules themselves are the use case's (<see cref="Drafts.ProblemsAsync"/>).
    /// </summary>
    internal (DraftForm Form, Dictionary<string, List<string>> Errors) ToForm(IReadOnlyList<StateParty> states)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
            messages.Add(message);
        }
        StateParty? State(string? isoCode, string field)
        {
            var state = states.FirstOrDefault(s => string.Equals(s.IsoCode, isoCode?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (state is null) Add(field, $"'{isoCode}' is not the ISO code of a State Party we know of.");
            return state;
        }
        TEnum Choice<TEnum>(string? value, TEnum blank, string field) where TEnum : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(value)) return blank;
            // By name only: "3" or "Host, Visiting" would parse as an enum but mean nothing to a reader.
            if (Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
                return Enum.Parse<TEnum>(name);
            Add(field, $"'{value}' is not one of: {string.Join(", ", Enum.GetNames<TEnum>().Select(JsonName))}.");
            return blank;
        }

        // A list longer than any proposal has is refused whole, before its rows cost anything to check.
        // A null where a row belongs is named, and the draft is refused: a row cannot be guessed.
        IReadOnlyList<T> Capped<T>(IReadOnlyList<T?>? rows, string field, string noun) where T : class
        {
            if (Bounds.Rows(noun, rows?.Count ?? 0) is { } tooMany)
            {
                Add(field, tooMany);
                return [];
            }
            for (var i = 0; i < (rows?.Count ?? 0); i++)
                if (rows![i] is null) Add($"{field}[{i}]", "This row is null: send its fields, or leave the row out.");
            return rows?.OfType<T>().ToList() ?? [];
        }

        var form = new DraftForm
        {
            RoundId = RoundId,
            Title = Title ?? "",
            Summary = Summary,
            ActivityStart = ActivityStart,
            ActivityEnd = ActivityEnd,
            Objectives = Objectives,
            GenderAnalysis = GenderAnalysis,
            DoNoHarm = DoNoHarm,
            FollowUpPlan = FollowUpPlan,
            ContributionCash = ContributionCash,
            ContributionInKind = ContributionInKind,
        };
        var partners = Capped(Partners, "partners", "Noun.Partners");
        for (var i = 0; i < partners.Count; i++)
        {
            var field = $"partners[{i}]";
            var role = Choice(partners[i].Role, PartnerRole.Host, $"{field}.role");
            if (string.IsNullOrWhiteSpace(partners[i].IsoCode))
            {
                Add($"{field}.isoCode", $"Partner {i + 1} needs the ISO code of its State Party.");
                form.Partners.Add(new DraftForm.PartnerRow { Role = role });
                continue;
            }
            if (State(partners[i].IsoCode, $"{field}.isoCode") is { } state)
                form.Partners.Add(new DraftForm.PartnerRow { StatePartyId = state.Id, Role = role });
            else
                form.Partners.Add(new DraftForm.PartnerRow { Role = role });
        }
        var budget = Capped(Budget, "budget", "Noun.BudgetLines");
        for (var i = 0; i < budget.Count; i++)
            form.Budget.Add(new DraftForm.BudgetRow
            {
                Category = Choice(budget[i].Category, BudgetCategory.Travel, $"budget[{i}].category"),
                Description = budget[i].Description,
                Quantity = budget[i].Quantity,
                UnitCost = budget[i].UnitCost,
            });
        var delegation = Capped(Delegation, "delegation", "Noun.Participants");
        for (var i = 0; i < delegation.Count; i++)
            form.Delegation.Add(new DraftForm.ParticipantRow
            {
                Name = delegation[i].Name,
                Function = delegation[i].Function,
                Organisation = delegation[i].Organisation,
                Sex = Choice(delegation[i].Sex, Sex.NotStated, $"delegation[{i}].sex"),
                AgeBand = Choice(delegation[i].AgeBand, AgeBand.NotStated, $"delegation[{i}].ageBand"),
                Disability = Choice(delegation[i].Disability, Disability.NotStated, $"delegation[{i}].disability"),
            });
        var themes = Capped(Themes, "themes", "Noun.Themes");
        for (var i = 0; i < themes.Count; i++)
            if (Choice(themes[i], ThematicArea.None, $"themes[{i}]") is not ThematicArea.None and var theme) form.Themes.Add(theme);
        form.Results.AddRange(Capped(Results, "results", "Noun.Results").Select(r => new DraftForm.ResultRow
            { Result = r.Result, Indicator = r.Indicator, Target = r.Target, BySex = r.BySex, ByAge = r.ByAge }));
        var activities = Capped(Activities, "activities", "Noun.Activities");
        for (var i = 0; i < activities.Count; i++)
            form.Activities.Add(new DraftForm.ActivityRow
            {
                Description = activities[i].Description,
                Start = activities[i].Start,
                End = activities[i].End,
                Place = activities[i].Place,
                StatePartyId = string.IsNullOrWhiteSpace(activities[i].IsoCode) ? null : State(activities[i].IsoCode, $"activities[{i}].isoCode")?.Id,
            });

        // The same field attributes as the page.
        var annotations = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), annotations, validateAllProperties: true);
        foreach (var result in annotations)
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                Add(FieldName("Form." + member), result.ErrorMessage ?? "This value is not acceptable.");
        return (form, errors);
    }

    /// <summary>
    /// The JSON field of a draft-form key: "Form.Budget[0].UnitCost" → "budget[0].unitCost"; a State Party, chosen by id
    /// on the page, is sent by ISO code: "Form.Partners[1].StatePartyId" → "partners[1].isoCode".
    /// </summary>
    internal static string FieldName(string formKey) =>
        string.Join('.', (formKey.StartsWith("Form.", StringComparison.Ordinal) ? formKey[5..] : formKey)
            .Split('.').Select(part => part == nameof(DraftForm.PartnerRow.StatePartyId) ? "isoCode" : JsonName(part)));

    private static string JsonName(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
