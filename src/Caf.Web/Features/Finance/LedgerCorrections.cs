using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>
/// A mistake in the fund ledger is corrected by a reversal that names the entry it reverses and moves everything back;
/// nothing is changed or deleted (ADR 0022). From the ledger, finance reverses the fund's own entries (a contribution,
/// a charge on the fund's account); a grant's money is corrected through the grant, whose limits it must respect.
/// </summary>
public sealed class LedgerCorrections(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    /// <summary>The entry, when finance may reverse it from the ledger; null otherwise.</summary>
    public Task<LedgerEntry?> ReversibleAsync(Guid id, CancellationToken ct) =>
        db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ApplicationId == null && e.ReversesEntryId == null, ct);

    public async Task<CommandOutcome> ReverseAsync(ClaimsPrincipal finance, Guid id, string? reason, CancellationToken ct)
    {
        var entry = await ReversibleAsync(id, ct);
        if (entry is null) return new CommandOutcome(404, [(null, "There is no fund entry to reverse with this id.")]);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            return await actions.RunAsync(finance, async () =>
            {
                var reversed = await db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == id, ct);
                db.LedgerEntries.Add(entry.Reverse(reason ?? "", reversed, ApplicationAccess.ActorFor(finance).UserId, now, FundTime.DateOf(now)));
            }, ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondReversal(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(null, "Someone reversed this entry a moment ago: it is reversed once.")]);
        }
    }
}
