using System.Security.Claims;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;

namespace Caf.Web.Features.Audit;

/// <summary>
/// Signed checkpoints of the audit trail (ADR 0027): written on a schedule and when an auditor or administrator asks, and
/// the trail verified against them.
/// </summary>
public sealed class AuditCheckpoints(CafDbContext db, AuditSigning signing, TimeProvider clock) : IUseCase
{
    /// <summary>Who signs the periodic checkpoints.</summary>
    public const string Schedule = "schedule";

    /// <summary>
    /// A checkpoint of where the trail stands now, signed; the latest one when nothing was added since; or why none was written
    /// (no key, or an empty trail).
    /// </summary>
    public async Task<(AuditCheckpoint? Checkpoint, string? Problem)> WriteAsync(ClaimsPrincipal? person, CancellationToken ct)
    {
        if (signing.Key is not { CanSign: true } key) return (null, signing.Problem ?? "The configured audit key is a public key: it cannot sign.");
        var signedBy = person?.Identity?.Name ?? Schedule;
        var checkpoint = await AuditCheckpointWriter.WriteAsync(db, key, signedBy, clock.GetUtcNow().UtcDateTime, ct);
        return checkpoint is null ? (null, InterfaceLanguage.Text("Audit.TrailEmpty")) : (checkpoint, null);
    }

    /// <summary>The latest checkpoint, for an auditor to download and keep.</summary>
    public Task<AuditCheckpoint?> LatestAsync(CancellationToken ct) => AuditCheckpointWriter.LatestAsync(db, ct);

    /// <summary>The whole trail recomputed and checked against every checkpoint, and the one an auditor kept when given.</summary>
    public Task<AuditVerification> VerifyAsync(AuditCheckpointFile? kept, AuditSigningKey? trustedKey, CancellationToken ct) =>
        AuditVerifier.VerifyAsync(db, trustedKey ?? signing.Key, kept, ct);
}
