using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>Personal and financial data stays out of caches, and the keys that sign sessions are encrypted at rest.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class PrivateDataTests(SqliteAppFactory factory)
{
    [Fact]
    public async Task Pages_downloads_and_api_answers_are_never_cached_while_static_files_keep_their_caching()
    {
        await factory.ResetAsync();
        using var finance = await new GrantJourney(factory).SignInAsync(GrantJourney.Finance);
        var secret = await ApiTokens.RegisterClientAsync(factory, "cache-probe", [ApiScopes.LedgerRead]);
        using var api = factory.CreateClient();
        var token = await ApiTokens.AccessTokenAsync(api, "cache-probe", secret, ApiScopes.LedgerRead);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["home page"] = await finance.Client.GetAsync("/"),
            ["ledger page"] = await finance.Client.GetAsync("/Finance/Ledger"),
            ["ledger download"] = await finance.Client.GetAsync("/Finance/Ledger?handler=Download"),
            ["API JSON"] = await ApiTokens.GetAsync(api, "/api/v1/ledger", token),
        };

        foreach (var (what, response) in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what} is sent without Cache-Control: no-store.");
        }
        var css = await finance.Client.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }
}

/// <summary>Outside Development: the public address is required, and the data-protection keys are stored encrypted.</summary>
public sealed class ProductionSecretsTests
{
    [Fact]
    public async Task In_production_the_app_does_not_start_without_its_public_address()
    {
        await using var app = new ApiProductionAppFactory(null, null, publicBaseUrl: null);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.InitializeAsync().AsTask());

        Assert.Contains("App:PublicBaseUrl", Flatten(failure));
    }

    [Fact]
    public async Task In_production_the_data_protection_keys_are_stored_encrypted_and_read_back_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caf-tests");
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, $"keys-{Guid.NewGuid():N}.pfx");
        var database = Path.Combine(folder, $"caf-{Guid.NewGuid():N}.db");
        using var certificate = ApiProductionAppFactory.WriteTokenCertificate(certificatePath, "pfx-password");
        try
        {
            string protectedText;
            await using (var first = new ApiProductionAppFactory(certificatePath, "pfx-password") { DatabasePath = database, KeepDatabase = true })
            {
                await first.InitializeAsync();
                using var https = first.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
                Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/Account/Login", TestContext.Current.CancellationToken)).StatusCode);
                protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a secret");

                var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.Contains("encryptedSecret", xml);
                    Assert.DoesNotContain("<value>", xml);
                });
            }
            await using var restarted = new ApiProductionAppFactory(certificatePath, "pfx-password") { DatabasePath = database, Restarted = true };
            await restarted.InitializeAsync();
            Assert.Equal("a secret", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null && exception is not AggregateException
            ? exception.Message
            : exception.Message + " | " + string.Join(" | ", (exception is AggregateException a ? a.InnerExceptions : [exception.InnerException!]).Select(Flatten));
}
