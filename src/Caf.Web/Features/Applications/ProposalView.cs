using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>
/// Every part of a proposal as the printable summary and the details page show it (<c>_ProposalSections.cshtml</c>),
/// with the reference data its ids point to.
/// </summary>
internal sealed record ProposalView(
    GrantApplication Application,
    IReadOnlyList<ActionPlanAction> Actions,
    IReadOnlyDictionary<Guid, string> CountryNames,
    int HeadingLevel)
{
    /// <param name="headingLevel">2 on a page of its own, 3 under a heading of the page that shows it.</param>
    public static async Task<ProposalView> LoadAsync(CafDbContext db, GrantApplication application, int headingLevel, CancellationToken ct)
    {
        var actionIds = application.ActionLinks.Select(l => l.ActionPlanActionId).ToList();
        var actions = await db.ActionPlanActions.AsNoTracking().Where(a => actionIds.Contains(a.Id))
            .OrderBy(a => a.Plan).ThenBy(a => a.Number).ToListAsync(ct);
        var countryIds = application.Activities.Where(a => a.StatePartyId is not null).Select(a => a.StatePartyId!.Value).Distinct().ToList();
        var countries = (await db.StateParties.AsNoTracking().Where(s => countryIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, Shown.State);
        return new ProposalView(application, actions, countries, headingLevel);
    }

    public string CountryOf(PlannedActivity activity) =>
        activity.StatePartyId is { } id && CountryNames.TryGetValue(id, out var name) ? name : "";

    /// <summary>"2 women, 2 men; 1 not stated": the delegation's make-up by sex, as gender reporting counts it.</summary>
    public static string CountBySex(IEnumerable<Participant> participants)
    {
        var list = participants.ToList();
        var women = list.Count(p => p.Sex == Sex.Female);
        var men = list.Count(p => p.Sex == Sex.Male);
        var notStated = list.Count - women - men;
        var text = $"{Say(women == 1 ? "Counts.Woman" : "Counts.Women", women)}, {Say(men == 1 ? "Counts.Man" : "Counts.Men", men)}";
        return notStated > 0 ? $"{text}; {Say("Counts.NotStated", notStated)}" : text;
    }

    /// <summary>"1 under 25, 2 aged 40–59; 1 not stated": the delegation by age band, bands in order.</summary>
    public static string CountByAge(IEnumerable<Participant> participants)
    {
        var list = participants.ToList();
        var stated = DisplayNames.AgeBands.Where(b => b.Band != AgeBand.NotStated)
            .Select(b => (b.Band, b.Label, Count: list.Count(p => p.AgeBand == b.Band)))
            .Where(b => b.Count > 0)
            .Select(b => b.Band == AgeBand.Under25 ? Say("Counts.Under25", b.Count) : Say("Counts.Aged", b.Count, b.Label))
            .ToList();
        var notStated = list.Count(p => p.AgeBand == AgeBand.NotStated);
        var text = stated.Count > 0 ? string.Join(", ", stated) : Say("Counts.NoAge");
        return notStated > 0 && stated.Count > 0 ? $"{text}; {Say("Counts.NotStated", notStated)}" : text;
    }

    /// <summary>"1 with a disability; 2 not stated": self-declared, so "not stated" is counted apart.</summary>
    public static string CountWithDisability(IEnumerable<Participant> participants)
    {
        var list = participants.ToList();
        var yes = list.Count(p => p.Disability == Disability.Yes);
        var notStated = list.Count(p => p.Disability == Disability.NotStated);
        var text = Say("Counts.WithDisability", yes);
        return notStated > 0 ? $"{text}; {Say("Counts.NotStated", notStated)}" : text;
    }

    private static string Say(string key, params object?[] args) => InterfaceLanguage.Format(key, args);
}
