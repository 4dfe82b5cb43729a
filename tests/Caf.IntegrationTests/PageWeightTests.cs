using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.IntegrationTests.Infrastructure;

namespace Caf.IntegrationTests;

/// <summary>
/// Slow links (issue 15): each main page, with the styles and scripts it links, weighs at most 300 KB as transferred on a
/// first load (compressed, as a browser asks for it); application pages load no diagram library; hashed assets are cached.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed partial class PageWeightTests(SqliteAppFactory factory)
{
    private const int MaxBytes = 300 * 1024;
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task Every_main_page_with_what_it_links_is_under_300_KB_compressed_and_loads_no_diagram_library()
    {
        await factory.ResetAsync();
        var today = FundTime.Today(factory.Clock);
        var grant = await new GrantScenario(factory).ActiveGrantAsync(today.AddDays(10));
        var draft = await new GrantScenario(factory).CompleteDraftAsync(today.AddDays(60), title: "A draft to weigh");
        var pages = new (string? Who, string Url)[]
        {
            (null, "/Account/Login"), (null, "/Rounds"),
            (GrantJourney.Isu, "/Dashboard"), (GrantJourney.Isu, "/"), (GrantJourney.Isu, "/Tasks"), (GrantJourney.Isu, $"/Applications/Details/{grant}"),
            (GrantJourney.Isu, "/Rounds/Manage"), (GrantJourney.Isu, "/Finance/Ledger"), (GrantJourney.Chair, "/Committee/Ranking"),
            (GrantJourney.Finance, "/Dashboard"), (GrantJourney.Applicant, "/Dashboard"), (GrantJourney.Applicant, $"/Applications/Details/{grant}"),
            (GrantJourney.Applicant, $"/Applications/Edit/{draft}"),
        };
        var sessions = new Dictionary<string, CafSession>();
        var weights = new List<string>();
        try
        {
            foreach (var (who, url) in pages)
            {
                var key = who ?? "anonymous";
                if (!sessions.TryGetValue(key, out var session))
                {
                    session = who is null ? factory.NewSession() : await _journey.SignInAsync(who);
                    session.Client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
                    session.Client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
                    sessions[key] = session;
                }
                using var page = await session.Client.GetAsync(url, TestContext.Current.CancellationToken);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url} as {key}: {page.StatusCode}");
                Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
                var sent = (await page.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length;
                var html = await Decompressed(page);
                var linked = Linked().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();
                Assert.DoesNotContain(linked, l => l.Contains("mermaid", StringComparison.Ordinal));
                foreach (var asset in linked)
                {
                    using var file = await session.Client.GetAsync(WebUtility.HtmlDecode(asset), TestContext.Current.CancellationToken);
                    Assert.True(file.StatusCode == HttpStatusCode.OK, $"{asset} linked from {url}: {file.StatusCode}");
                    sent += (await file.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length;
                    // Linked with its content's hash: cached for a year, fetched once on a slow link.
                    Assert.Contains("?v=", asset, StringComparison.Ordinal);
                    Assert.Contains("immutable", file.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
                }
                weights.Add($"{url} as {key}: {sent:#,##0} bytes");
                Assert.True(sent <= MaxBytes, $"{url} as {key} transfers {sent:#,##0} bytes on a first load, more than {MaxBytes:#,##0}.");
            }
        }
        finally
        {
            foreach (var session in sessions.Values) session.Dispose();
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, weights));
        }
    }

    private static async Task<string> Decompressed(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var brotli = new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex("""<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(?<url>/[^"]+)""")]
    private static partial Regex Linked();
}
