using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.Auditing;

/// <summary>
/// A trail of audit records as the app writes them, for measuring at scale (the scale data set, the audit benchmark):
/// the actions of a grant year in their proportions, values of a realistic size, stamped and chained by the same code as
/// the interceptor's. A fixed seed makes the same records every run. The records continue the chain where it ends and are
/// spread evenly in time from <c>fromUtc</c> (or the chain's last record, if later) to <c>toUtc</c>, so that time never goes
/// backwards along the chain (ADR 0028).
/// </summary>
internal static class AuditHistory
{
    /// <summary>A person the records name: the user id and the name the trail keeps.</summary>
    public readonly record struct Person(string Id, string Name);

    /// <param name="open">A context with no audit interceptor (it would stamp the records again as its own).</param>
    public static async Task AppendAsync(Func<CafDbContext> open, long count, IReadOnlyList<Person> people, DateTime fromUtc, DateTime toUtc, int seed,
        CancellationToken ct)
    {
        var random = new Random(seed);
        long sequence;
        string previous;
        DateTime start;
        await using (var db = open())
        {
            var last = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash, a.OccurredAtUtc }).FirstOrDefaultAsync(ct);
            (sequence, previous) = ((last?.Sequence ?? 0) + 1, last?.Hash ?? AuditChain.Genesis);
            var lastAt = last is null ? DateTime.MinValue : DateTime.SpecifyKind(last.OccurredAtUtc, DateTimeKind.Utc);
            start = lastAt > fromUtc ? lastAt : fromUtc;
        }
        var step = Math.Max(0, (toUtc - start).Ticks / Math.Max(1, count));
        for (long written = 0; written < count;)
        {
            await using var db = open();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<AuditEvent>(10_000);
            for (var i = 0; i < 10_000 && written < count; i++, written++, sequence++)
            {
                var (action, type, details) = Kind(random);
                var person = people[random.Next(people.Count)];
                var record = new AuditEvent(action, type, type is null ? null : NewId(random).ToString(), details);
                // To the millisecond, as the interceptor stamps.
                var at = new DateTime(start.Ticks + written * step, DateTimeKind.Utc);
                at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond));
                record.Stamp(at, person.Id, person.Name, $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}", NewId(random).ToString("N"));
                record.Chain(sequence, previous);
                previous = record.Hash;
                batch.Add(record);
            }
            db.AuditEvents.AddRange(batch);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>A Guid from the seeded random: the same every run.</summary>
    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static (string Action, string? Type, string Details) Kind(Random random)
    {
        var roll = random.Next(1000);
        var n = random.Next(1, 100_000);
        return roll switch
        {
            < 300 => ("GrantApplication.updated", "GrantApplication",
                $$"""{"Title":{"old":"Exchange of expertise on land release {{n}}","new":"Exchange of expertise on land release and victim assistance {{n}}"},"LedgerVersion":{"old":{{n % 9}},"new":{{n % 9 + 1}} } }"""),
            < 450 => ("BudgetLine.created", "BudgetLine",
                $$"""{"Id":"{{NewId(random)}}","ApplicationId":"{{NewId(random)}}","Category":"Travel","Description":"Return flights for {{n % 6 + 1}} participants","Quantity":{{n % 6 + 1}},"UnitCost.Value":{{n % 2000}}.50,"UnitCost.Currency":"CHF"}"""),
            < 600 => ("api.read", null, $$"""{"path":"/api/v1/applications/{{NewId(random)}}/ledger","client":"finance-reporting","status":200}"""),
            < 700 => ("stage.changed", "GrantApplication",
                $$"""{"from":"Screening","to":"GenderReview","trigger":"PassEligibility","version":3,"comment":"Eligible; partner letter received {{n}}"}"""),
            < 800 => ("signin.succeeded", "CafUser", """{"method":"password+totp"}"""),
            < 850 => ("LedgerEntry.created", "LedgerEntry",
                $$"""{"Kind":"Disbursement","Amount.Value":{{n}}.00,"Amount.Currency":"CHF","ValueDate":"2024-05-{{n % 28 + 1:00}}","BankReference":"CAF-{{n}}"}"""),
            < 900 => ("CommitteeScore.created", "CommitteeScore", $$"""{"Relevance":{{n % 5}},"Feasibility":{{n % 4}},"Gender":{{n % 3}},"Comment":"Clear plan; budget realistic."}"""),
            < 950 => ("Participant.created", "Participant", $$"""{"Function":"Technical advisor","Organisation":"National Mine Action Authority","Sex":"Female","AgeBand":"From30To44"}"""),
            < 980 => ("attachment.downloaded", "StoredFile", $$"""{"name":"budget-{{n}}.pdf","bytes":{{n * 7}}}"""),
            < 999 => ("signin.failed", "CafUser", """{"reason":"wrong password"}"""),
            _ => ("signin.locked-out", "CafUser", """{"until":"15 minutes"}"""),
        };
    }
}
