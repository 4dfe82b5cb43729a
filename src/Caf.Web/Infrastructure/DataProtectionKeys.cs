using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The data-protection keys (which sign the sign-in cookie, antiforgery and reset tokens) are kept in the database;
/// outside Development they are encrypted there with a certificate, so that a copy of the database is not a master key
/// (issue #10, S5; ADR 0015).
/// </summary>
internal static class DataProtectionKeys
{
    public const string CertificateSection = "DataProtection:Certificate";

    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder dataProtection,
        IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing")) return dataProtection;
        // Its own certificate when one is given; otherwise the token-encryption certificate the app needs anyway.
        var section = HasPath(configuration, CertificateSection) ? CertificateSection
            : HasPath(configuration, OpenIddictSetup.EncryptionCertificateSection) ? OpenIddictSetup.EncryptionCertificateSection
            : null;
        // Neither given: the web app does not start (OpenIddict's check names the setting); a command-line verb creates no keys.
        if (section is null) return dataProtection;
        var certificate = OpenIddictSetup.LoadCertificate(configuration, section, X509KeyUsageFlags.KeyEncipherment, "encrypt",
            $"CafGrants cannot start: the data-protection keys are encrypted with the certificate {section}:Path outside Development.");
        return dataProtection.ProtectKeysWithCertificate(certificate);
    }

    private static bool HasPath(IConfiguration configuration, string section) => !string.IsNullOrWhiteSpace(configuration[$"{section}:Path"]);
}
