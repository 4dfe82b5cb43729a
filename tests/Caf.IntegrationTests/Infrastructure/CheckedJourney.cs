using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// A browser journey that checks every page it visits (issue 15): axe-core runs on the page as it stands, any serious or
/// critical violation is noted with the step, and a full-page screenshot is kept under caf-e2e/journeys/NAME/ as a test
/// artefact. Call <see cref="SeeAsync"/> after each page the person reaches, and <see cref="AssertNoViolations"/> at the end,
/// so that one journey reports every page that failed rather than the first.
/// </summary>
public sealed class CheckedJourney
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
        var file = Path.Combine(Folder, $"{_step:00}-{string.Concat(step.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Screenshots.Add(file);
    }

    /// <summary>Fails with every serious or critical violation met on the way; also fails a journey that checked no page.</summary>
    public void AssertNoViolations()
    {
        Assert.True(_step > 0, $"The journey {Name} checked no page.");
        Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));
        Assert.All(Screenshots, file => Assert.True(new FileInfo(file).Length > 5_000, $"The screenshot {file} is suspiciously small."));
    }
}
