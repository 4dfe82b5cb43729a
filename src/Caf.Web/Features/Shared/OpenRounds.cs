using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The calls for proposals open now (<see cref="FundingRound.IsOpenAt"/>), soonest deadline first: listed by the Open rounds page
/// and the API, applied to by the API; whether there is one at all, for the home page.
/// </summary>
internal static class OpenRounds
{
    public static async Task<IReadOnlyList<FundingRound>> ListAsync(CafDbContext db, DateTime nowUtc, CancellationToken ct) =>
        await db.Rounds.AsNoTracking()
            .Where(FundingRound.OpenAt(nowUtc))
            .OrderBy(r => r.ClosesAtUtc).ToListAsync(ct);

    /// <summary>Whether any round is open now, asked of the database: no round is read.</summary>
    public static Task<bool> AnyAsync(CafDbContext db, DateTime nowUtc, CancellationToken ct) =>
        db.Rounds.AnyAsync(FundingRound.OpenAt(nowUtc), ct);
}
