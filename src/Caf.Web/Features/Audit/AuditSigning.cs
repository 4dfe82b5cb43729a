using Caf.Data.Auditing;

namespace Caf.Web.Features.Audit;

/// <summary>
/// The key that signs audit checkpoints (ADR 0027), read once from the PEM file <c>Audit:SigningKeyPath</c>, which is kept
/// outside the database. In Development and in tests, when none is configured, a key of the machine's own is made and
/// kept at <c>data/audit-signing-key.dev.pem</c>. Elsewhere, without one, checkpoints are not signed and the Audit page
/// and <c>audit verify</c> say so.
/// </summary>
public sealed partial class AuditSigning(IConfiguration configuration, IHostEnvironment environment, ILogger<AuditSigning> logger) : IDisposable
{
    public const string KeyPathSetting = "Audit:SigningKeyPath";

    private readonly Lazy<(AuditSigningKey? Key, string? Problem)> _loaded = new(() => Load(configuration, environment, logger));

    /// <summary>The key, or null when none is configured or it cannot be read (<see cref="Problem"/> says why).</summary>
    public AuditSigningKey? Key => _loaded.Value.Key;

    public string? Problem => _loaded.Value.Problem;

    private static (AuditSigningKey?, string?) Load(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var path = configuration[KeyPathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                var none = $"No audit signing key is configured ({KeyPathSetting}): checkpoints of the audit trail are not signed.";
                Log.NoKey(logger, none);
                return (null, none);
            }
            path = Path.Combine(environment.ContentRootPath, "data", "audit-signing-key.dev.pem");
            EnsureDevelopmentKey(path);
        }
        if (AuditSigningKey.Read(path, out var problem) is { } key) return (key, null);
        var unreadable = $"The audit signing key {path} cannot be read ({problem}): checkpoints of the audit trail are not signed.";
        Log.NoKey(logger, unreadable);
        return (null, unreadable);
    }

    /// <summary>A development key, made once; several processes starting together keep the first one written.</summary>
    private static void EnsureDevelopmentKey(string path)
    {
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = AuditSigningKey.Generate();
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, key.PrivateKeyPem);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated) _loaded.Value.Key?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}")]
        public static partial void NoKey(ILogger logger, string problem);
    }
}
