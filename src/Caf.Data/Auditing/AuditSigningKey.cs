using System.Security.Cryptography;
using System.Text;

namespace Caf.Data.Auditing;

/// <summary>
/// The key that signs audit checkpoints (ADR 0027): ECDSA on P-256 with SHA-256, kept in a PEM file outside the database.
/// A public key alone verifies; the private key also signs. Its <see cref="KeyId"/> names it in every checkpoint.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key, bool canSign)
    {
        _key = key;
        CanSign = canSign;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The first 16 hexadecimal digits of the SHA-256 of the public key (its SubjectPublicKeyInfo).</summary>
    public string KeyId { get; }

    /// <summary>Whether this is the private key, which signs; a public key only verifies.</summary>
    public bool CanSign { get; }

    /// <summary>A new P-256 key.</summary>
    public static AuditSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>A key from PEM text: a private key ("PRIVATE KEY", "EC PRIVATE KEY") or a public one ("PUBLIC KEY").</summary>
    /// <exception cref="CryptographicException">The text holds no P-256 key CafGrants can read.</exception>
    /// <exception cref="ArgumentException">The text holds no PEM key at all.</exception>
    public static AuditSigningKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new CryptographicException("The audit signing key must be an ECDSA key on the P-256 curve.");
            return new AuditSigningKey(key, pem.Contains("PRIVATE KEY", StringComparison.Ordinal));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The key in the PEM file at <paramref name="path"/>, or null and why it cannot be read.</summary>
    public static AuditSigningKey? Read(string path, out string? problem)
    {
        problem = null;
        try
        {
            return FromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            problem = e.Message;
            return null;
        }
    }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public string PrivateKeyPem => CanSign ? _key.ExportPkcs8PrivateKeyPem() : throw new InvalidOperationException("This is a public key only.");

    /// <summary>The signature of <paramref name="text"/> (UTF-8), in base64.</summary>
    public string Sign(string text) =>
        CanSign
            ? Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            : throw new InvalidOperationException("A public key does not sign: configure the private key (Audit:SigningKeyPath).");

    /// <summary>Whether <paramref name="signature"/> (base64) is this key's signature of <paramref name="text"/>.</summary>
    public bool Verifies(string text, string signature)
    {
        var bytes = new byte[signature.Length];
        return Convert.TryFromBase64String(signature, bytes, out var length)
               && _key.VerifyData(Encoding.UTF8.GetBytes(text), bytes.AsSpan(0, length), HashAlgorithmName.SHA256,
                   DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public void Dispose() => _key.Dispose();
}
