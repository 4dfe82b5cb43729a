using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// The application in the Production environment, with the token certificates and the public address given (or not)
/// in configuration.
/// </summary>
public sealed class ApiProductionAppFactory(string? certificatePath, string? certificatePassword, string? publicBaseUrl = "https://localhost")
    : SqliteAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        if (publicBaseUrl is not null) builder.UseSetting("App:PublicBaseUrl", publicBaseUrl);
        if (certificatePath is null) return;
        foreach (var section in new[] { "OpenIddict:SigningCertificate", "OpenIddict:EncryptionCertificate" })
        {
            builder.UseSetting($"{section}:Path", certificatePath);
            builder.UseSetting($"{section}:Password", certificatePassword);
        }
    }

    /// <summary>A self-signed RSA certificate for signing and encrypting, written as a password-protected .pfx; returns it too.</summary>
    public static X509Certificate2 WriteTokenCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CafGrants token test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
    }
}
