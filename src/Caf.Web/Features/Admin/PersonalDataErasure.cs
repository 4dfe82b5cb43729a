using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>What an erasure changed: the members whose name went, the submitted versions and the audit records it touched.</summary>
public sealed record ErasureResult(CommandOutcome Outcome, int Members, int Versions, int Records);

/// <summary>
/// A delegation member asks for their name to be erased (ADR 0028): the administrator erases it from the application, from
/// every submitted version, and from the audit records that kept it beside their hashes — in one transaction with the
/// record of the erasure itself, which names nobody. The audit trail still verifies afterwards.
/// </summary>
public sealed class PersonalDataErasure(CafDbContext db, UserActions actions) : IUseCase
{
    internal const string ErasedAction = "personal-data.erased";
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Erases the chosen names from the application's delegation: each must be one of <see cref="NamesAsync"/> (a member's
    /// name now, or an earlier spelling the trail kept from a draft since corrected).
    /// </summary>
    public async Task<ErasureResult> EraseNamesAsync(ClaimsPrincipal admin, string? reference, IReadOnlyList<string> names, string? reason, CancellationToken ct)
    {
        var problems = new List<(string Field, string Message)>();
        if (string.IsNullOrWhiteSpace(reference)) problems.Add(("Application", InterfaceLanguage.Text("Erasure.NeedReference")));
        if (names.Count == 0) problems.Add(("Names", InterfaceLanguage.Text("Erasure.NeedNames")));
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(("Reason", InterfaceLanguage.Text("Erasure.NeedReason")));
        else if (reason.Trim().Length > MaxReasonLength) problems.Add(("Reason", InterfaceLanguage.Format("Erasure.ReasonTooLong", MaxReasonLength)));
        if (problems.Count > 0) return new(CommandOutcome.Invalid(problems), 0, 0, 0);

        var (members, versions, records) = (0, 0, 0);
        var outcome = await actions.RunAsync(admin, async () =>
        {
            var application = await FindAsync(reference!, ct) ?? throw new DomainException(InterfaceLanguage.Format("Erasure.NoSuchApplication", reference!.Trim()), "Application");
            var known = await NamesAsync(application, ct);
            if (names.Any(n => !known.Contains(n.Trim(), StringComparer.OrdinalIgnoreCase)))
                throw new DomainException(InterfaceLanguage.Text("Erasure.NamesFromList"), "Names");
            var erased = application.EraseParticipantNames(names);
            members = erased.Count;
            foreach (var version in await db.ApplicationVersions.Where(v => v.ApplicationId == application.Id).ToListAsync(ct))
                if (names.Aggregate(false, (changed, name) => version.EraseParticipantName(name) | changed)) versions++;
            // The change to the members is recorded with the names sealed beside it; saved first so that it is erased below too.
            await db.SaveChangesAsync(ct);
            records = await EraseFromTrailAsync(application, names, ct);
            db.AuditEvents.Add(new AuditEvent(ErasedAction, nameof(GrantApplication), application.Id.ToString(), JsonSerializer.Serialize(new
            {
                what = "names of delegation members", names = names.Count, participants = erased, versions, records, reason = reason!.Trim(),
            })));
        }, ct);
        return new(outcome, members, versions, records);
    }

    /// <summary>
    /// The names this delegation has had: its members' now, and those the trail keeps from earlier versions of the draft
    /// (a name corrected later is still a name of the person); smallest first, each once whatever its capitals.
    /// </summary>
    public async Task<IReadOnlyList<string>> NamesAsync(GrantApplication application, CancellationToken ct)
    {
        var kept = (await DelegationRecords(application).Select(e => e.PersonalValues).ToListAsync(ct))
            .SelectMany(values => AuditPersonalData.Values(values)).OfType<string>();
        return [.. application.Participants.Where(p => !p.IsErased).Select(p => p.Name).Concat(kept)
            .Where(n => n != Participant.ErasedName).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The application and its delegation, found by its reference whatever its capitals, or by its id (a draft has no reference).</summary>
    public Task<GrantApplication?> FindAsync(string reference, CancellationToken ct)
    {
        if (Guid.TryParse(reference.Trim(), out var id)) return db.Applications.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Id == id, ct);
        var wanted = reference.Trim().ToUpperInvariant();
        return db.Applications.Include(a => a.Participants).SingleOrDefaultAsync(a => a.Reference == wanted, ct);
    }

    /// <summary>The audit records of the delegation's members that keep personal values: its members' own, and those of members since replaced, which name the application.</summary>
    private IQueryable<AuditEvent> DelegationRecords(GrantApplication application)
    {
        var id = application.Id.ToString();
        var ids = application.Participants.Select(m => m.Id.ToString()).ToList();
        return db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(Participant) && e.PersonalValues != null && (ids.Contains(e.EntityId!) || e.Details!.Contains(id)));
    }

    /// <summary>Empties the names from the personal values kept beside the delegation's records; says how many records changed.</summary>
    private async Task<int> EraseFromTrailAsync(GrantApplication application, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var candidates = await DelegationRecords(application).Select(e => new { e.Id, e.PersonalValues }).ToListAsync(ct);
        var changed = 0;
        foreach (var record in candidates)
        {
            var kept = AuditPersonalData.Without(record.PersonalValues, value => names.Any(name => IsName(value, name)));
            if (kept == record.PersonalValues) continue;
            await db.AuditEvents.Where(e => e.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PersonalValues, kept), ct);
            changed++;
        }
        return changed;
    }

    private static bool IsName(JsonNode? value, string name) =>
        value is JsonValue text && text.TryGetValue<string>(out var kept) && string.Equals(kept.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);
}
