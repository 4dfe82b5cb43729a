using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Data.Finance.Statements;
using Caf.Workflows.Grants;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>
/// A mistake in the fund ledger is corrected by a reversal that names the entry it reverses and moves everything back;
/// nothing is changed or deleted (ADR 0022). From the ledger, finance reverses the fund's own entries (a contribution,
/// a charge on the fund's account); a grant's money is corrected through the grant, whose limits it must respect.
/// </summary>
public sealed class LedgerCorrections(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    /// <summary>The field of the refusal that asks finance to accept an over-commitment.</summary>
    public const string OverCommitmentField = "OverCommitmentAccepted";

    /// <summary>The entry, when finance may reverse it from the ledger; null otherwise.</summary>
    public Task<LedgerEntry?> ReversibleAsync(Guid id, CancellationToken ct) =>
        db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.ApplicationId == null && e.ReversesEntryId == null, ct);

    /// <param name="overCommitmentAccepted">
    /// Reversing a contribution that never arrived can leave the fund promising more than it holds; that is recorded, as
    /// it is true, only when finance has said it knows (the refusal shows the figures).
    /// </param>
    public async Task<CommandOutcome> ReverseAsync(ClaimsPrincipal finance, Guid id, string? reason, bool overCommitmentAccepted,
        CancellationToken ct)
    {
        var entry = await ReversibleAsync(id, ct);
        if (entry is null) return new CommandOutcome(404, [(null, InterfaceLanguage.Text("Reversal.NoSuchEntry"))]);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            return await actions.RunAsync(finance, async () =>
            {
                // Read under the matching lock: an entry is not matched to the bank and reversed at the same moment.
                await StatementMatching.TakeAsync(db, ct);
                var reversed = await db.LedgerEntries.AnyAsync(e => e.ReversesEntryId == id, ct);
                var match = await db.StatementMatches.AsNoTracking().FirstOrDefaultAsync(m => m.LedgerEntryId == id, ct);
                var reversal = entry.Reverse(reason ?? "", reversed, match, ApplicationAccess.ActorFor(finance).UserId, now, FundTime.DateOf(now));
                if (entry.FundAmount.Currency == options.Value.FundCurrency && !overCommitmentAccepted
                    && (await FundBalances.ForDecisionAsync(db, options.Value.FundCurrency, ct))
                        .OverCommitmentAfter(new Money(-reversal.FundCashEffect, entry.FundAmount.Currency)) is { } overCommitted)
                    throw new DomainException(InterfaceLanguage.Format("Reversal.OverCommitted", overCommitted), OverCommitmentField);
                db.LedgerEntries.Add(reversal);
            }, ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondReversal(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(null, InterfaceLanguage.Text("Reversal.SameMoment"))]);
        }
    }
}
