using System.Globalization;
using System.Resources;
using System.Text;

namespace Caf.Data;

/// <summary>
/// What the domain says to people (a refusal, a problem with what was typed), in the language of the page or the request
/// being answered (issue 15): English, French or Spanish from Resources/DomainText*.resx, by a symbolic key
/// ("Proposal.NeedTitle"). Arguments are formatted as that language writes numbers and dates. Outside a request (a
/// background job, the command line) the current culture is the invariant one and the text is English.
/// </summary>
public static class DomainText
{
    private static readonly ResourceManager Texts = new("Caf.Data.Resources.DomainText", typeof(DomainText).Assembly);

    /// <summary>The text of <paramref name="key"/> in the current language; the key itself if no file has it (a test fails on that).</summary>
    public static string Get(string key) => Texts.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>An automatic eligibility check by its name in the current language; <paramref name="recorded"/> if the files have none.</summary>
    public static string CheckTitle(string code, string recorded) =>
        Texts.GetString($"Check.{code}", CultureInfo.CurrentUICulture) ?? recorded;

    /// <summary>A part of the proposal by its name in the current language ("Section.Budget"), as pages and refusals name it.</summary>
    public static string SectionName(Entities.ProposalSection section) => Get($"Section.{section}");

    /// <summary>The text of <paramref name="key"/> with its placeholders ({0}, {1:d MMMM yyyy}) filled in the current language.</summary>
    public static string Get(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(Get(key)), [.. args.Select(Shown)]);

    /// <summary>
    /// How a stage is named to the reader, by its id: the application sets it at start-up from its workflow's labels (staff
    /// and applicants, in the reader's language); the id itself until then.
    /// </summary>
    public static Func<string, string> StageLabel { get; set; } = id => id;

    /// <summary>
    /// An argument as the current language writes it: an amount of money as "CHF 2 000,00" in French, "CHF 2,000.00" in
    /// English; a stage by its label ("Eligibility screening"), never its id.
    /// </summary>
    private static object? Shown(object? arg) => arg switch
    {
        Money money => money.Written(CultureInfo.CurrentCulture),
        StageName stage => StageLabel(stage.Id),
        _ => arg,
    };
}

/// <summary>A stage of an application named in a message: the reader reads its label (<see cref="DomainText.StageLabel"/>).</summary>
public readonly record struct StageName(string Id);
