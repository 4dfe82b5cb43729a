using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// A browser journey that checks every page it visits (issue 15): axe-core runs on the page as it stands, any serious or
/// critical violation is noted with the step, as is any resource key or "{0}" the page shows in place of its text, and a
/// full-page screenshot is kept under caf-e2e/journeys/NAME/ as a test
/// artefact. Call <see cref="SeeAsync"/> after each page the person reaches, and <see cref="AssertNoViolations"/> at the end,
/// so that one journey reports every page that failed rather than the first.
/// </summary>
public sealed partial class CheckedJourney
{
    private readonly List<string> _violations = [];
    private int _step;

    public CheckedJourney(string name)
    {
        Name = name;
        Folder = Path.Combine(Path.GetTempPath(), "caf-e2e", "journeys", name);
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
    }

    public string Name { get; }

    /// <summary>Where this journey's screenshots are kept.</summary>
    public string Folder { get; }

    /// <summary>The screenshots taken so far, in order.</summary>
    public List<string> Screenshots { get; } = [];

    /// <summary>Checks the page <paramref name="page"/> shows now with axe-core and keeps a screenshot named after <paramref name="step"/>.</summary>
    public async Task SeeAsync(IPage page, string step)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        _step++;
        var result = await page.RunAxe();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            _violations.Add($"{Name} step {_step} '{step}' ({page.Url}): {violation.Id} ({violation.Impact}) — {violation.Help}: " +
                            string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html)));
        // A text the resource files lack shows as its key ("Edit.SaveDraft"), and a text missing an argument as "{0}".
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var key in RenderedKey().Matches(text).Select(m => m.Value).Distinct())
            _violations.Add($"{Name} step {_step} '{step}' ({page.Url}): the page shows the key {key} instead of its text.");
        if (text.Contains("{0}", StringComparison.Ordinal))
            _violations.Add($"{Name} step {_step} '{step}' ({page.Url}): the page shows a placeholder {{0}} instead of its value.");
        var file = Path.Combine(Folder, $"{_step:00}-{string.Concat(step.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Screenshots.Add(file);
    }

    /// <summary>A resource key as a page would show it had its text been missing: "Edit.SaveDraft", "Name.Sex.Female".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(Nav|Edit|Field|Details|Dashboard|Dash|Proposal|Screen|Respond|Report|Interim|Review|Extension|Summary|Auth|Error|TaskList|Tasks|Committee|Score|Decide|Ranking|Minutes|Conflict|Rubric|Gender|ActingChair|Finance|Agreement|Tranche|Ledger|Payment|Reconcile|Statement|Rates|Contribution|Charge|Reversal|Rounds|RoundField|People|Outbox|Erasure|RefData|Audit|Workflow|Versions|ApiClients|List|Login|Account|Layout|Preferences|Name|Role|Binding|Upload|File|History|Counts|Time|Limit|Noun|Label|Check|Eligibility|Guard|Clarification|Round|Reporting|Scoring|Bounds|Budget|Activity|TooLong|Section)\.[A-Z][A-Za-z]*(\.[A-Za-z]+)*\b")]
    private static partial System.Text.RegularExpressions.Regex RenderedKey();

    /// <summary>Fails with every serious or critical violation met on the way; also fails a journey that checked no page.</summary>
    public void AssertNoViolations()
    {
        Assert.True(_step > 0, $"The journey {Name} checked no page.");
        Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));
        Assert.All(Screenshots, file => Assert.True(new FileInfo(file).Length > 5_000, $"The screenshot {file} is suspiciously small."));
    }
}
