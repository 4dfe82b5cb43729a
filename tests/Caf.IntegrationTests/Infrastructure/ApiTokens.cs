using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caf.Web.Features.Api;
using Caf.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>What a program calling the API does: register (as an admin would), ask /connect/token, call with a bearer token.</summary>
internal static class ApiTokens
{
    public static async Task<string> RegisterClientAsync(CafAppFactory factory, string clientId, IReadOnlyCollection<string> scopes,
        string? redirectUri = null)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>()
            .RegisterAsync(new ApiClientRegistration(clientId, $"Test client {clientId}", scopes, redirectUri));
    }

    public static async Task<bool> RevokeClientAsync(CafAppFactory factory, string clientId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RevokeAsync(clientId);
    }

    /// <summary>POSTs the form to /connect/token; the status and the JSON answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> RequestAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json"
            ? JsonDocument.Parse(text).RootElement.Clone()
            : JsonDocument.Parse("{}").RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> ClientCredentialsAsync(HttpClient http, string clientId, string secret,
        string scope) =>
        RequestAsync(http, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });

    /// <summary>The access token of a successful client-credentials request; fails the test otherwise.</summary>
    public static async Task<string> AccessTokenAsync(HttpClient http, string clientId, string secret, string scope)
    {
        var (status, body) = await ClientCredentialsAsync(http, clientId, secret, scope);
        Assert.True(status == HttpStatusCode.OK, $"Token request for {clientId} failed: {(int)status} {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// Signs the person in, lets the client act for them with the scopes (code + S256 PKCE) and returns the access token;
    /// fails the test if the person may not give those scopes.
    /// </summary>
    public static async Task<string> PersonTokenAsync(CafAppFactory factory, HttpClient http, string email, string clientId,
        string redirectUri, string secret, string scope)
    {
        using var person = factory.NewSession();
        await person.SignInAsync(email);
        var (verifier, challenge) = Pkce();
        using var authorize = await person.Client.GetAsync(AuthorizeUrl(clientId, redirectUri, scope, challenge));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var answer = QueryOf(authorize.Headers.Location!);
        Assert.True(answer.ContainsKey("code"), $"no code for {email}: {authorize.Headers.Location}");
        var (status, tokens) = await RequestAsync(http, new()
        {
            ["grant_type"] = "authorization_code", ["code"] = answer["code"], ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier, ["client_id"] = clientId, ["client_secret"] = secret,
        });
        Assert.True(status == HttpStatusCode.OK, $"code exchange failed for {email}: {tokens}");
        return tokens.GetProperty("access_token").GetString()!;
    }

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope, string challenge) =>
        "/connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["scope"] = scope,
            ["state"] = "s", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        });

    public static string? Error(JsonElement body) => body.TryGetProperty("error", out var error) ? error.GetString() : null;

    /// <summary>A PKCE verifier and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The query parameters of a redirect's Location (where an authorization server sends the browser back).</summary>
    public static Dictionary<string, string> QueryOf(Uri location) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
