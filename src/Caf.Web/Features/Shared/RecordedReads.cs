using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Reading that leaves a trace: a document downloaded, minutes, a ranking or a ledger exported. What left the system, and
/// who took it, is on the audit trail like any change (the person is recorded with the record, as for every audit record).
/// </summary>
public sealed class RecordedReads(CafDbContext db) : IUseCase
{
    public async Task RecordAsync(string action, string entityType, string? entityId, object? details, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent(action, entityType, entityId, details is null ? null : JsonSerializer.Serialize(details)));
        await db.SaveChangesAsync(ct);
    }
}
