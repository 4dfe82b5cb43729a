using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Caf.Web.Features.Api;

/// <summary>What an administrator fills in to register a program that calls the API.</summary>
/// <param name="RedirectUri">Only for a program that acts for a signed-in person (authorization code + PKCE); null for a
/// program acting for itself (client credentials only).</param>
public sealed partial record ApiClientRegistration(string ClientId, string DisplayName, IReadOnlyCollection<string> Scopes, string? RedirectUri = null)
{
    /// <summary>Every rule the registration breaks, by field; empty when it can be registered (if the id is still free).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (!ClientIdPattern().IsMatch((ClientId ?? "").Trim()))
            problems.Add((nameof(ClientId), InterfaceLanguage.Text("ApiClients.RuleClientId")));
        var displayName = (DisplayName ?? "").Trim();
        if (displayName.Length == 0) problems.Add((nameof(DisplayName), InterfaceLanguage.Text("ApiClients.RuleNameEmpty")));
        else if (displayName.Length > 200) problems.Add((nameof(DisplayName), InterfaceLanguage.Format("ApiClients.RuleNameTooLong", 200)));
        var scopes = (Scopes ?? []).Distinct().ToList();
        if (scopes.Count == 0) problems.Add((nameof(Scopes), InterfaceLanguage.Text("ApiClients.RuleNoScope")));
        else if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
            problems.Add((nameof(Scopes), InterfaceLanguage.Format("ApiClients.RuleUnknownScope", unknown)));
        var redirectUri = string.IsNullOrWhiteSpace(RedirectUri) ? null : RedirectUri.Trim();
        if (redirectUri is { Length: > 2000 }) problems.Add((nameof(RedirectUri), InterfaceLanguage.Format("ApiClients.RuleRedirectTooLong", 2000)));
        else if (redirectUri is not null && !IsAcceptableRedirectUri(redirectUri))
            problems.Add((nameof(RedirectUri), InterfaceLanguage.Text("ApiClients.RuleRedirect")));
        // A draft belongs to the applicant's State Party, so only a program acting for a signed-in applicant can create one.
        else if (redirectUri is null && scopes.Contains(ApiScopes.ApplicationsWrite))
            problems.Add((nameof(RedirectUri), InterfaceLanguage.Text("ApiClients.RuleRedirectForDrafts")));
        return problems;
    }

    private static bool IsAcceptableRedirectUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.Fragment) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex ClientIdPattern();
}

public sealed record ApiClient(string ClientId, string DisplayName, IReadOnlyList<string> Scopes, string? RedirectUri,
    DateTime? RegisteredAtUtc, string? RegisteredBy);

/// <summary>
/// The programs allowed to call the API, kept as OpenIddict applications. Registering one makes its secret, which is
/// shown once and stored only as a hash; revoking deletes it with its authorizations and tokens. Both are audited, in
/// the same transaction as the change.
/// </summary>
public sealed class ApiClientRegistry(IOpenIddictApplicationManager applications, CafDbContext db) : IUseCase
{
    public const string RegisteredAction = "api-client.registered";
    public const string RevokedAction = "api-client.revoked";
    private const string EntityType = "ApiClient";

    /// <summary>Registers the client and returns its secret, which nobody can read again afterwards.</summary>
    /// <exception cref="DomainException">The registration is not acceptable; <see cref="DomainException.Field"/> names the field.</exception>
    public async Task<string> RegisterAsync(ApiClientRegistration registration, CancellationToken ct = default)
    {
        var (problems, secret) = await TryRegisterAsync(registration, ct);
        if (problems.Count > 0) throw new DomainException(problems[0].Message, problems[0].Field);
        return secret!;
    }

    /// <summary>Registers the client and returns its secret, or every problem of the registration by field (nothing saved).</summary>
    public async Task<(IReadOnlyList<(string Field, string Message)> Problems, string? Secret)> TryRegisterAsync(
        ApiClientRegistration registration, CancellationToken ct = default)
    {
        var problems = registration.Problems();
        if (problems.Count > 0) return (problems, null);
        var clientId = registration.ClientId.Trim();
        var displayName = registration.DisplayName.Trim();
        var scopes = registration.Scopes.Distinct().ToList();
        var redirectUri = string.IsNullOrWhiteSpace(registration.RedirectUri) ? null : registration.RedirectUri.Trim();
        if (await applications.FindByClientIdAsync(clientId, ct) is not null)
            return ([(nameof(ApiClientRegistration.ClientId), $"A client with the id '{clientId}' is already registered.")], null);

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        if (redirectUri is not null)
        {
            descriptor.RedirectUris.Add(new Uri(redirectUri));
            descriptor.ConsentType = ConsentTypes.Implicit;
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The manager saves through the same CafDbContext (OpenIddict's EF Core stores), hence inside this transaction.
        await applications.CreateAsync(descriptor, ct);
        db.AuditEvents.Add(new AuditEvent(RegisteredAction, EntityType, clientId,
            JsonSerializer.Serialize(new { clientId, displayName, scopes, redirectUri })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ([], secret);
    }

    public async Task<IReadOnlyList<ApiClient>> ListAsync(CancellationToken ct = default)
    {
        var registrations = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == RegisteredAction)
            .Select(e => new { e.EntityId, e.OccurredAtUtc, e.UserName, e.Sequence })
            .ToListAsync(ct);
        var latest = registrations.Where(r => r.EntityId is not null).GroupBy(r => r.EntityId!)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence)!);

        var clients = new List<ApiClient>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var clientId = await applications.GetClientIdAsync(application, ct) ?? "";
            var permissions = await applications.GetPermissionsAsync(application, ct);
            var scopes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal).ToList();
            var redirectUris = await applications.GetRedirectUrisAsync(application, ct);
            var registered = latest.GetValueOrDefault(clientId);
            clients.Add(new ApiClient(clientId, await applications.GetDisplayNameAsync(application, ct) ?? clientId, scopes,
                redirectUris.FirstOrDefault(), registered?.OccurredAtUtc, registered?.UserName));
        }
        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes the client with its authorizations and tokens; false when there is no such client.</summary>
    public async Task<bool> RevokeAsync(string clientId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clientId) || await applications.FindByClientIdAsync(clientId, ct) is not { } application)
            return false;
        var displayName = await applications.GetDisplayNameAsync(application, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await applications.DeleteAsync(application, ct);
        db.AuditEvents.Add(new AuditEvent(RevokedAction, EntityType, clientId, JsonSerializer.Serialize(new { clientId, displayName })));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
