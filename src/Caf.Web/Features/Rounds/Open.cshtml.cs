using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
        Rounds = await OpenRounds.ListAsync(db, Now, ct);
    }
}
