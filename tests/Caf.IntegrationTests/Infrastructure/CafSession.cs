using System.Net;
using System.Text.RegularExpressions;
using Caf.Web.Seeding;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>One person's browser-like session over HTTP: cookies kept, forms posted with their antiforgery token.</summary>
public sealed partial class CafSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Signs in with the demo password and, where the account has two-factor on, its demo authenticator's code.</summary>
    public async Task SignInAsync(string email)
    {
        var response = await PostFormAsync("/Account/Login", new() { ["Email"] = email, ["Password"] = DemoSeeder.DemoPassword });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} failed: {(int)response.StatusCode}");
        if (response.Headers.Location?.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase) == true)
        {
            response = await PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = Totp.Code(DemoSeeder.AuthenticatorKeyFor(email)) });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Second factor for {email} failed: {(int)response.StatusCode}");
        }
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then POSTs the fields to it (with an optional handler).</summary>
    public Task<HttpResponseMessage> PostFormAsync(string pageUrl, Dictionary<string, string> fields, string? handler = null) =>
        PostPairsAsync(pageUrl, [.. fields], handler);

    /// <summary>The same with fields that may repeat (several boxes ticked under one name).</summary>
    public async Task<HttpResponseMessage> PostPairsAsync(string pageUrl, IReadOnlyList<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var token = await TokenFromAsync(pageUrl);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Client.PostAsync(WithHandler(pageUrl, handler), content);
    }

    public Task<HttpResponseMessage> PostMultipartAsync(string pageUrl, Dictionary<string, string> fields,
        string fileField, string fileName, byte[] file, string contentType, string? handler = null) =>
        PostMultipartAsync(pageUrl, fields, [new UploadedFile(fileField, fileName, file, contentType)], handler);

    /// <summary>A file a form sends: its field, name, bytes and type.</summary>
    public sealed record UploadedFile(string Field, string Name, byte[] Bytes, string ContentType);

    public async Task<HttpResponseMessage> PostMultipartAsync(string pageUrl, Dictionary<string, string> fields,
        IReadOnlyList<UploadedFile> files, string? handler = null)
    {
        var token = await TokenFromAsync(pageUrl);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var file in files)
        {
            var fileContent = new ByteArrayContent(file.Bytes);
            fileContent.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(fileContent, file.Field, file.Name);
        }
        return await Client.PostAsync(WithHandler(pageUrl, handler), content);
    }

    /// <summary>Fires a workflow transition from the application's page, as its buttons do (a destructive one's confirmed).</summary>
    public Task<HttpResponseMessage> FireAsync(Guid applicationId, string trigger, string? comment = null) =>
        PostFormAsync($"/Applications/Details/{applicationId}", new() { ["trigger"] = trigger, ["Comment"] = comment ?? "", ["Confirmed"] = "true" }, "Fire");

    /// <summary>A valid antiforgery token for this session, from the sign-in page (whose form every session may load).</summary>
    public Task<string> AntiforgeryTokenAsync() => TokenFromAsync("/Account/Login");

    private async Task<string> TokenFromAsync(string pageUrl)
    {
        var page = await Client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        if (!match.Success)
        {
            // A page the user may not open has no form; take a token from the home or sign-in page instead.
            html = await (await Client.GetAsync("/Account/Login")).Content.ReadAsStringAsync();
            match = TokenPattern().Match(html);
        }
        Assert.True(match.Success, $"No antiforgery token on {pageUrl} ({(int)page.StatusCode})");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string WithHandler(string url, string? handler) =>
        handler is null ? url : $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public void Dispose() => Client.Dispose();
}
