using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caf.Data;
using Caf.Web.Features.Api;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Quartz;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Caf.Web.Infrastructure;

/// <summary>
/// CafGrants as its own OAuth 2.0 authorization server (OpenIddict, stores in <see cref="CafDbContext"/>) and the
/// validation of its access tokens for /api/v1. The OAuth endpoints and the client registry are in Features/Api; the API
/// endpoints are in the features they serve (CafApi).
/// </summary>
internal static class OpenIddictSetup
{
    public const string SigningCertificateSection = "OpenIddict:SigningCertificate";
    public const string EncryptionCertificateSection = "OpenIddict:EncryptionCertificate";

    /// <summary>Lifetimes: short access tokens, refresh tokens as long as the token rows are kept.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan RefreshTokenLifetime = TokenPruningJob.Retention;

    public static WebApplicationBuilder AddCafOpenIddict(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        // Ephemeral keys (tests), a self-signed development certificate (a developer's machine) and plain HTTP: never elsewhere.
        var development = environment.IsDevelopment();
        var testing = environment.IsEnvironment("Testing");

        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<CafDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(AuthorizationServerEndpoints.TokenPath.TrimStart('/'))
                    .SetAuthorizationEndpointUris(AuthorizationServerEndpoints.AuthorizePath.TrimStart('/'));
                o.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                o.RegisterScopes([.. ApiScopes.All, Scopes.OfflineAccess]);
                o.Configure(options =>
                {
                    // PKCE with SHA-256 only; codes come back in the query string only (form_post needs an inline
                    // script, which our Content-Security-Policy forbids).
                    options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    options.ResponseModes.IntersectWith([ResponseModes.Query]);
                });
                o.SetAccessTokenLifetime(AccessTokenLifetime).SetRefreshTokenLifetime(RefreshTokenLifetime);
                // The issuer, and the endpoints the discovery document lists, are the public address, not the request's
                // Host header (which whoever sends the request chooses). Unset only in Development and tests.
                if (PublicLinks.Configured(builder.Configuration) is { } publicUrl) o.SetIssuer(new Uri(publicUrl + "/"));

                if (testing) o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                else if (development) o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                // Elsewhere the certificates come from configuration: AddConfiguredCertificates, on start.

                var aspNetCore = o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
                if (development || testing) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // One query per API call, so that revoking a client cuts off the access tokens it already holds.
                o.EnableTokenEntryValidation();
            });

        if (!development && !testing)
            builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IConfiguration>(AddConfiguredCertificates);
        // When the web app starts (a CLI verb never does): after StartupTasks, so that a database or workflow problem is
        // reported first, and before the first request, so that a missing certificate stops start-up.
        builder.Services.AddHostedService<ServerConfigurationCheck>();

        builder.Services.AddApiPolicies();
        return builder;
    }

    /// <summary>Schedules <see cref="TokenPruningJob"/> on the application's Quartz scheduler.</summary>
    public static IQuartzBuilder AddOAuthTokenPruning(this IQuartzBuilder quartz)
    {
        quartz.ScheduleJob<TokenPruningJob>(
            trigger => trigger.WithIdentity(TokenPruningJob.Name).StartNow().WithSimpleSchedule(TokenPruningJob.Interval),
            job => job.WithIdentity(TokenPruningJob.Name));
        return quartz;
    }

    /// <summary>Builds the server options once: our certificates, then OpenIddict's own checks of its configuration.</summary>
    private sealed class ServerConfigurationCheck(IOptionsMonitor<OpenIddictServerOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = options.CurrentValue;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static void AddConfiguredCertificates(OpenIddictServerOptions options, IConfiguration configuration)
    {
        var signing = LoadCertificate(configuration, SigningCertificateSection, X509KeyUsageFlags.DigitalSignature, "sign");
        var encryption = LoadCertificate(configuration, EncryptionCertificateSection, X509KeyUsageFlags.KeyEncipherment, "encrypt");
        options.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(signing), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(encryption),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string section, X509KeyUsageFlags usage, string purpose) =>
        LoadCertificate(configuration, section, usage, purpose,
            $"CafGrants cannot start: the OAuth server needs a certificate to {purpose} its tokens outside Development.");

    /// <summary>A PKCS#12 file named by {section}:Path and :Password, checked for its private key and key usage.</summary>
    internal static X509Certificate2 LoadCertificate(IConfiguration configuration, string section, X509KeyUsageFlags usage, string purpose,
        string cannotStart)
    {
        var path = configuration[$"{section}:Path"];
        if (string.IsNullOrWhiteSpace(path))
            throw new InvalidOperationException(
                $"{cannotStart} Set {section}:Path to a PKCS#12 (.pfx) file with an RSA key and {section}:Password to its password " +
                $"(for example as environment variables {section.Replace(":", "__")}__Path and {section.Replace(":", "__")}__Password).");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{cannotStart} {section}:Path is '{path}', and there is no such file.");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{section}:Password"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{cannotStart} '{path}' ({section}:Path) cannot be opened with {section}:Password: {ex.Message}", ex);
        }
        using var rsa = certificate.GetRSAPrivateKey();
        if (!certificate.HasPrivateKey || rsa is null)
            throw new InvalidOperationException($"{cannotStart} '{path}' ({section}:Path) must hold an RSA certificate with its private key.");
        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } keyUsage && !keyUsage.KeyUsages.HasFlag(usage))
            throw new InvalidOperationException($"{cannotStart} '{path}' ({section}:Path) is not allowed to {purpose} (its key usage lacks {usage}).");
        return certificate;
    }
}
