using System.Text.Json;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Caf.Data.Auditing;

/// <summary>
/// Writes an audit record for every change to audited business data, stamps every audit record of the unit of
/// work with who, when, where and the correlation id, and chains their hashes — inside the same SaveChanges,
/// so the change and its audit commit together or not at all.
/// </summary>
public sealed class AuditInterceptor(IAuditContext auditContext, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) PrepareAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await PrepareAsync(context, cancellationToken);
        return result;
    }

    private async Task PrepareAsync(DbContext context, CancellationToken ct)
    {
        context.ChangeTracker.DetectChanges();
        // When a caller saves again after a failed save, the records describing tracked changes are made afresh, not twice.
        foreach (var stale in context.ChangeTracker.Entries<AuditEvent>()
                     .Where(e => e.State == EntityState.Added && e.Entity.DescribesTrackedChange).ToList())
            stale.State = EntityState.Detached;
        var changes = context.ChangeTracker.Entries()
            .Where(e => (e.Entity is IAudited || IsOwnedByAudited(e.Metadata)) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(Describe)
            .Where(e => e is not null)
            .ToList();
        foreach (var change in changes) context.Add(change!);

        var pending = context.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity).ToList();
        if (pending.Count == 0) return;

        // One unit of work at a time numbers its records, from the chain's end as committed by the one before.
        await AuditChainLock.TakeAsync(context.Database, ct);
        var last = await context.Set<AuditEvent>().AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash, a.OccurredAtUtc }).FirstOrDefaultAsync(ct);
        var next = (last?.Sequence ?? 0) + 1;
        var previousHash = last?.Hash ?? AuditChain.Genesis;
        // Time never goes backwards along the chain (a clock set back stamps the last record's time), so a stretch of days
        // is a stretch of sequence numbers, which is how the Audit page reads a date filter fast (ADR 0028).
        var now = TruncateToMilliseconds(clock.GetUtcNow().UtcDateTime);
        if (last is not null && DateTime.SpecifyKind(last.OccurredAtUtc, DateTimeKind.Utc) > now) now = DateTime.SpecifyKind(last.OccurredAtUtc, DateTimeKind.Utc);
        foreach (var auditEvent in pending)
        {
            auditEvent.Stamp(now, auditContext.UserId, auditContext.UserName, auditContext.IpAddress, auditContext.CorrelationId);
            auditEvent.Chain(next++, previousHash);
            previousHash = auditEvent.Hash;
        }
    }

    /// <summary>Whether the entity type is owned by an audited one (a screening's answers): its changes are recorded under its owner.</summary>
    internal static bool IsOwnedByAudited(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType type) =>
        type.FindOwnership() is { } ownership
        && (typeof(IAudited).IsAssignableFrom(ownership.PrincipalEntityType.ClrType) || IsOwnedByAudited(ownership.PrincipalEntityType));

    private static AuditEvent? Describe(EntityEntry entry)
    {
        // An owned row (an answer of a screening) is recorded as its owner's: "ScreeningDecision.ScreeningAnswer", the owner's id.
        var ownership = entry.Entity is IAudited ? null : entry.Metadata.FindOwnership();
        var id = ownership is null ? ((IAudited)entry.Entity).Id.ToString()
            : Convert.ToString(entry.Property(ownership.Properties[0].Name).CurrentValue ?? entry.Property(ownership.Properties[0].Name).OriginalValue,
                System.Globalization.CultureInfo.InvariantCulture);
        var type = ownership is null ? entry.Metadata.ClrType.Name : $"{ownership.PrincipalEntityType.ClrType.Name}.{entry.Metadata.ClrType.Name}";
        var values = new Dictionary<string, object?>();
        // A person's own data is sealed: a salted hash in the details, the value beside the record for erasure (ADR 0028).
        var personal = new AuditPersonalData.Collector();
        foreach (var (name, original, current, modified, secret, isPersonal) in Values(entry))
        {
            object? Kept(object? value) => isPersonal ? personal.Seal(value) : value;
            switch (entry.State)
            {
                case EntityState.Added: values[name] = Kept(current); break;
                case EntityState.Deleted: values[name] = Kept(original); break;
                case EntityState.Modified when modified && secret:
                    values[name] = SecretChanged;
                    break;
                case EntityState.Modified when modified && !Equals(original, current):
                    values[name] = new { old = Kept(original), @new = Kept(current) };
                    break;
            }
        }
        if (entry.State == EntityState.Modified && values.Count == 0) return null;
        var action = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Deleted => "deleted",
            _ => "updated",
        };
        var record = new AuditEvent($"{type}.{action}", type, id, JsonSerializer.Serialize(values, Json)) { DescribesTrackedChange = true };
        record.KeepPersonalValues(personal.ToJson());
        return record;
    }

    private static IEnumerable<(string Name, object? Original, object? Current, bool Modified, bool Secret, bool Personal)> Values(EntityEntry entry)
    {
        foreach (var p in entry.Properties)
        {
            // A value the database keeps itself (an application's listed stage, copied from its workflow instance whose
            // change is recorded) is no change of the app's.
            if (p.Metadata.GetBeforeSaveBehavior() == PropertySaveBehavior.Ignore && p.Metadata.GetAfterSaveBehavior() == PropertySaveBehavior.Ignore)
                continue;
            if (p.Metadata.PropertyInfo?.IsDefined(typeof(AuditedAsSecretAttribute), inherit: false) == true)
            {
                // Whether it was set and that it changed, never its value (the masked form beside it says what a reader may see).
                yield return (p.Metadata.Name, p.OriginalValue is null ? null : SecretSet, p.CurrentValue is null ? null : SecretSet,
                    p.IsModified && !Equals(p.OriginalValue, p.CurrentValue), true, false);
                continue;
            }
            yield return (p.Metadata.Name, Safe(p.OriginalValue), Safe(p.CurrentValue), p.IsModified, false,
                p.Metadata.PropertyInfo?.IsDefined(typeof(AuditedAsPersonalAttribute), inherit: false) == true);
        }
        foreach (var complex in entry.ComplexProperties)
            foreach (var p in complex.Properties)
                yield return ($"{complex.Metadata.Name}.{p.Metadata.Name}", Safe(p.OriginalValue), Safe(p.CurrentValue), p.IsModified, false, false);
    }

    /// <summary>A secret's place in a record: "(secret)" when set, null when not; a change is "(secret changed)".</summary>
    private const string SecretSet = "(secret)";
    private const string SecretChanged = "(secret changed)";

    // File contents are recorded by size, not copied into the trail.
    private static object? Safe(object? value) => value is byte[] bytes ? $"{bytes.Length} bytes" : value;

    private static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
