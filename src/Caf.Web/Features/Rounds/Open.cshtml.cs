using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Rounds;

/// <summary>The calls for proposals open now, with their deadlines: public, so focal points can find them before an account exists.</summary>
[AllowAnonymous]
public sealed class OpenModel(CafDbContext db, TimeProvider clock) : PageModel
{
    internal IReadOnlyList<FundingRound> Rounds { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Rounds = await OpenRoundsAsync(db, Now, ct);
    }

    public static async Task<IReadOnlyList<FundingRound>> OpenRoundsAsync(CafDbContext db, DateTime nowUtc, CancellationToken ct) =>
        await db.Rounds.AsNoTracking()
            .Where(r => r.Status == RoundStatus.Open && r.OpensAtUtc <= nowUtc && r.ClosesAtUtc > nowUtc)
            .OrderBy(r => r.ClosesAtUtc).ToListAsync(ct);

    /// <summary>The deadline in Geneva time, which is how the ISU announces it.</summary>
    public static string Geneva(DateTime utc) => FundTime.Describe(utc);
}
