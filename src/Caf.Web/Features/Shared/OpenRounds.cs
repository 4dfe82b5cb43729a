using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>The calls for proposals open now, soonest deadline first: listed by the Open rounds page and the API, applied to by the API.</summary>
internal static class OpenRounds
{
    public static async Task<IReadOnlyList<FundingRound>> ListAsync(CafDbContext db, DateTime nowUtc, CancellationToken ct) =>
        await db.Rounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Open && r.OpensAtUtc <= nowUtc && r.ClosesAtUtc > nowUtc)
            .OrderBy(r => r.ClosesAtUtc).ToListAsync(ct);
}
