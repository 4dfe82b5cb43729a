using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.ReferenceData;

/// <summary>The States Parties reference data as it stood at a moment.</summary>
public static class StatePartyRecords
{
    /// <summary>
    /// The state's record in the latest States Parties import made at or before <paramref name="asOfUtc"/>; null when there
    /// was no import yet or that import did not list the state. Each import is a whole snapshot, so an older import is
    /// never consulted once a newer one exists.
    /// </summary>
    public static async Task<StatePartyRecord?> AsOfAsync(CafDbContext db, string isoCode, DateTime asOfUtc, CancellationToken ct = default)
    {
        var iso = isoCode.Trim().ToUpperInvariant();
        var latest = await LatestImportAsync(db, asOfUtc, ct);
        if (latest is null) return null;
        return await db.StatePartyRecords.AsNoTracking().Include(r => r.Import)
            .SingleOrDefaultAsync(r => r.ImportId == latest && r.IsoCode == iso, ct);
    }

    private static Task<Guid?> LatestImportAsync(CafDbContext db, DateTime asOfUtc, CancellationToken ct) =>
        db.ReferenceDataImports.AsNoTracking()
            .Where(i => i.Kind == ReferenceDataImport.StatesPartiesKind && i.ImportedAtUtc <= asOfUtc)
            .OrderByDescending(i => i.ImportedAtUtc).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
}
