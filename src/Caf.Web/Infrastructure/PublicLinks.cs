using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Caf.Web.Infrastructure;

/// <summary>
/// Links that leave the application (emails, the command line) start with the configured public address, never with
/// the request's Host header, which whoever sends the request chooses (issue #10, S1; ADR 0015).
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHostEnvironment environment, IServer server) : Caf.Workflows.IPublicLinks
{
    public const string Setting = "App:PublicBaseUrl";

    /// <summary>The absolute address of <paramref name="pathAndQuery"/> (which starts with '/') on the public site.</summary>
    public string To(string pathAndQuery) => BaseUrl() + pathAndQuery;

    string Caf.Workflows.IPublicLinks.Link(string pathAndQuery) => To(pathAndQuery);

    private string BaseUrl()
    {
        if (Configured(configuration) is { } configured) return configured;
        if (!IsLocal(environment)) throw new InvalidOperationException(Missing);
        // On a developer's machine and in tests: the address the app listens on, which no request can change.
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                        ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
                        ?? "http://localhost";
        return listening.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").Replace("://+", "://localhost")
            .Replace("://*", "://localhost").TrimEnd('/');
    }

    /// <summary>Outside Development and tests the setting is required, like the token certificates: no start without it.</summary>
    public static void RequireConfigured(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!IsLocal(environment) && Configured(configuration) is null) throw new InvalidOperationException(Missing);
    }

    /// <summary>The configured address without its trailing slash; null when unset. A malformed one stops start-up.</summary>
    public static string? Configured(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new InvalidOperationException(
                $"CafGrants cannot start: {Setting} is '{value}'. Give the address people type to reach CafGrants, such as https://grants.example.org.");
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static bool IsLocal(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private const string Missing =
        $"CafGrants cannot start: emailed links (invitations, password resets) need the public address of the site outside " +
        $"Development. Set {Setting} to it, for example https://grants.example.org (as an environment variable: App__PublicBaseUrl).";
}
