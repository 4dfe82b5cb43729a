using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Audit;

/// <summary>What the Audit page filters on: days in Geneva, the person's sign-in name, the action, the kind of record, a grant.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? Person, string? Action, string? EntityType, string? Application)
{
    public const int MaxTextLength = 200;

    /// <summary>What is wrong with the filter, by field, in words.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (From is { } from && Bounds.Date("The first day", from) is { } early) yield return (nameof(From), early);
        if (To is { } to && Bounds.Date("The last day", to) is { } late) yield return (nameof(To), late);
        if (From > To) yield return (nameof(From), "The first day must be on or before the last day.");
        foreach (var (field, value) in new[] { (nameof(Person), Person), (nameof(Action), Action), (nameof(EntityType), EntityType), (nameof(Application), Application) })
            if (value?.Trim().Length > MaxTextLength) yield return (field, InterfaceLanguage.Format("Erasure.ReasonTooLong", MaxTextLength));
    }

    public bool IsEmpty => From is null && To is null && string.IsNullOrWhiteSpace(Person) && string.IsNullOrWhiteSpace(Action)
                           && string.IsNullOrWhiteSpace(EntityType) && string.IsNullOrWhiteSpace(Application);
}

/// <summary>One audit record as the page lists it.</summary>
public sealed record AuditRow(long Sequence, DateTime OccurredAtUtc, string UserName, string Action, string? EntityType, string? EntityId,
    string? Details, string? IpAddress, string? CorrelationId);

/// <summary>A page of records, newest first, and the sequence number to read the older ones from (none on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? OlderBefore);

/// <summary>The last verification of the trail: when, by whom, and what it found.</summary>
public sealed record AuditVerificationRecord(DateTime AtUtc, string By, bool Ok, string Result);

/// <summary>
/// The audit trail as the Auditor and the administrator read it (issue 13): filtered, a page at a time by keyset (the
/// sequence number), so a page costs the same with a million records; verified on demand, each verification itself audited.
/// </summary>
public sealed class AuditTrail(CafDbContext db, UserActions actions, AuditCheckpoints checkpoints) : IUseCase
{
    public const int PageSize = 50;
    internal const string VerifiedAction = "audit.verified";

    public async Task<AuditPage> ReadAsync(AuditFilter filter, long? before, CancellationToken ct)
    {
        var rows = await Filtered(filter, before).OrderByDescending(e => e.Sequence).Take(PageSize + 1)
            .Select(e => new AuditRow(e.Sequence, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityId,
                AuditPersonalData.Reveal(e.Details, e.PersonalValues), e.IpAddress, e.CorrelationId))
            .ToListAsync(ct);
        return rows.Count > PageSize ? new(rows[..PageSize], rows[PageSize - 1].Sequence) : new(rows, null);
    }

    /// <summary>The records the filter keeps, older than <paramref name="before"/> when given; for the page and the extract.</summary>
    internal IQueryable<AuditEvent> Filtered(AuditFilter filter, long? before)
    {
        var all = db.AuditEvents.AsNoTracking();
        var records = all;
        // Time never goes backwards along the chain (ADR 0028), so the days asked for are also a stretch of sequence numbers,
        // found from the time index; bounding the sequence lets a page read its 50 records from the sequence's index
        // instead of stepping over every record after the last day (0.7 s for a first month of 1,000,000 records).
        if (filter.From is { } from && FundTime.ToUtc(from.ToDateTime(TimeOnly.MinValue)) is { } start)
            records = records.Where(e => e.OccurredAtUtc >= start && e.Sequence >= all.Where(x => x.OccurredAtUtc >= start)
                .OrderBy(x => x.OccurredAtUtc).ThenBy(x => x.Sequence).Select(x => (long?)x.Sequence).FirstOrDefault());
        if (filter.To is { } to && FundTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) is { } end)
            records = records.Where(e => e.OccurredAtUtc < end && e.Sequence <= all.Where(x => x.OccurredAtUtc < end)
                .OrderByDescending(x => x.OccurredAtUtc).ThenByDescending(x => x.Sequence).Select(x => (long?)x.Sequence).FirstOrDefault());
        if (filter.Person?.Trim() is { Length: > 0 } person) records = records.Where(e => e.UserName == person);
        if (filter.Action?.Trim() is { Length: > 0 } action) records = records.Where(e => e.Action == action);
        if (filter.EntityType?.Trim() is { Length: > 0 } type) records = records.Where(e => e.EntityType == type);
        if (filter.Application?.Trim().ToUpperInvariant() is { Length: > 0 } reference)
        {
            var ids = db.Applications.Where(a => a.Reference == reference).Select(a => a.Id.ToString());
            records = records.Where(e => ids.Contains(e.EntityId!));
        }
        if (before is { } sequence) records = records.Where(e => e.Sequence < sequence);
        return records;
    }

    /// <summary>
    /// The actions and kinds of record that occur, for the filter's choices: each found by stepping through its index from
    /// one value to the next (a loose index scan), so a few dozen lookups instead of reading a million records each time
    /// the page is shown (66 ms at 1,000,000 records on SQLite, docs/PERFORMANCE.md). SQL Server reads them with DISTINCT.
    /// </summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> EntityTypes)> ChoicesAsync(CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("SqlServer", StringComparison.Ordinal) == true)
            return (await db.AuditEvents.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct),
                await db.AuditEvents.AsNoTracking().Where(e => e.EntityType != null).Select(e => e.EntityType!).Distinct().OrderBy(t => t).ToListAsync(ct));
        return (await DistinctByIndexAsync(nameof(AuditEvent.Action), ct), await DistinctByIndexAsync(nameof(AuditEvent.EntityType), ct));
    }

    private Task<List<string>> DistinctByIndexAsync(string column, CancellationToken ct) => db.Database.SqlQueryRaw<string>(LooseIndexScan(column)).ToListAsync(ct);

    /// <summary>The distinct values of an indexed column of the trail, smallest first, one index lookup each.</summary>
    private static string LooseIndexScan(string column) => $"""
        WITH RECURSIVE "Values"("Value") AS (
            SELECT MIN("{column}") FROM "AuditEvents"
            UNION ALL
            SELECT (SELECT MIN("{column}") FROM "AuditEvents" WHERE "{column}" > v."Value") FROM "Values" v WHERE v."Value" IS NOT NULL)
        SELECT "Value" FROM "Values" WHERE "Value" IS NOT NULL
        """;

    /// <summary>Verifies the whole trail now and records that it was verified, with the result, in the trail itself.</summary>
    public async Task<AuditVerification> VerifyAsync(ClaimsPrincipal person, CancellationToken ct)
    {
        var result = await checkpoints.VerifyAsync(null, null, ct);
        await actions.RunAsync(person, () =>
        {
            db.AuditEvents.Add(new AuditEvent(VerifiedAction, null, null, JsonSerializer.Serialize(new
            {
                ok = result.Ok, records = result.Records, head = result.HeadHash, checkpoints = result.CheckpointsMatched,
                firstBadSequence = result.FirstBadSequence, result = result.ToString(),
            })));
            return Task.CompletedTask;
        }, ct);
        return result;
    }

    /// <summary>The last verification recorded, if any.</summary>
    public async Task<AuditVerificationRecord?> LastVerificationAsync(CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking().Where(e => e.Action == VerifiedAction).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.OccurredAtUtc, e.UserName, e.Details }).FirstOrDefaultAsync(ct);
        if (last?.Details is null) return null;
        using var details = JsonDocument.Parse(last.Details);
        return new(last.OccurredAtUtc, last.UserName, details.RootElement.GetProperty("ok").GetBoolean(), details.RootElement.GetProperty("result").GetString() ?? "");
    }
}
