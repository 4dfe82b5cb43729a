using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance.Statements;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Finance;

/// <summary>What an import did: statements read, entries added and already there, matches proposed; or why nothing was imported.</summary>
public sealed record StatementImportResult(int Statements, int Added, int AlreadyImported, int NotBooked, int Proposed, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Bank reconciliation (docs/features/bank-statements.md): finance imports a statement (camt.053 .001.04/.001.08 or CSV),
/// all or nothing and idempotent; each new booked entry is matched automatically to an open ledger entry where one fits;
/// finance confirms or rejects a proposal, or matches (and splits) an entry by hand.
/// </summary>
public sealed class BankStatements(CafDbContext db, UserActions actions, TimeProvider clock) : IUseCase
{
    internal const string ImportedAction = "bank-statement.imported";

    /// <summary>The kinds of ledger entry a statement settles, and which way their money moves.</summary>
    private static readonly LedgerEntryKind[] Settled = [LedgerEntryKind.Disbursement, LedgerEntryKind.Refund, LedgerEntryKind.Contribution, LedgerEntryKind.BankCharge];

    public async Task<StatementImportResult> ImportAsync(ClaimsPrincipal finance, string fileName, byte[] content, CancellationToken ct)
    {
        var (read, format) = StatementFile.Read(content);
        if (!read.IsClean) return Refused([.. read.Problems.Select(p => p.ToString())]);

        var ids = read.Statements.Select(s => s.Id).Distinct().ToList();
        var userId = ApplicationAccess.ActorFor(finance).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<StatementEntry>();
        var (already, proposed) = (0, 0);
        List<string> problems = [];
        var outcome = await actions.RunAsync(finance, async () =>
        {
            // What was imported before is read under the lock: the same file imported twice at once adds its entries once.
            await StatementMatching.TakeAsync(db, ct);
            var earlier = await db.BankStatements.Where(s => ids.Contains(s.BankStatementId)).ToListAsync(ct);
            // A statement is its account's: the same id on another account (or on none) is another statement.
            var known = read.Statements.ToDictionary(s => s, s => earlier.SingleOrDefault(e => e.BankStatementId == s.Id && e.Iban == s.Iban));
            problems = [.. read.Statements.Where(s => known[s] is { } before && before.Currency != s.Currency)
                .Select(s => s.Iban is null ? InterfaceLanguage.Format("Statement.OtherCurrency", s.Id, known[s]!.Currency, s.Currency)
                    : InterfaceLanguage.Format("Statement.OtherCurrencyOfAccount", s.Id, s.Iban, known[s]!.Currency, s.Currency))];
            if (problems.Count > 0) return;
            var knownIds = known.Values.OfType<ImportedStatement>().Select(s => s.Id).ToList();
            var knownKeys = (await db.StatementEntries.AsNoTracking().Where(e => knownIds.Contains(e.StatementId))
                .Select(e => new { e.StatementId, e.Key }).ToListAsync(ct)).Select(e => (e.StatementId, e.Key)).ToHashSet();
            var bookedElsewhere = await BookingsOnAccountsAsync(read.Statements, ct);
            foreach (var statement in read.Statements)
            {
                if (known[statement] is not { } record)
                {
                    record = new ImportedStatement(statement.Id, statement.Iban, statement.Currency, statement.From, statement.To, format,
                        Bounds.FileName(fileName, "File"), userId, now);
                    db.BankStatements.Add(record);
                }
                // What other statements of the account hold already, as many times as they hold it.
                var elsewhere = bookedElsewhere.Where(b => b.StatementId != record.Id).GroupBy(b => b.Booking).ToDictionary(g => g.Key, g => g.Count());
                var inThisFile = new HashSet<string>(StringComparer.Ordinal);
                foreach (var line in statement.Lines)
                {
                    // Two lines of one statement with the same reference (a batch, a bank's reused fee reference) are two
                    // entries: the second is told apart by its place, the same on every import of the same file.
                    var key = StatementEntry.KeyOf(line);
                    if (!inThisFile.Add(key)) key = $"{key}#{line.Line}";
                    if (!knownKeys.Add((record.Id, key))) { already++; continue; }
                    // A booking on another statement of the account (an intraday statement and the day's closing one, a statement
                    // issued again under a new id) is not a second one: by the bank's reference when it gives one, else by all it says.
                    if (Booking.Of(statement.Iban, line) is { } booking)
                    {
                        if (elsewhere.TryGetValue(booking, out var count) && count > 0)
                        {
                            elsewhere[booking] = count - 1;
                            already++;
                            continue;
                        }
                        bookedElsewhere.Add((booking, record.Id));
                    }
                    var entry = new StatementEntry(record.Id, key, line);
                    db.StatementEntries.Add(entry);
                    added.Add(entry);
                }
            }
            proposed = await ProposeAsync(added, now, ct);
            db.AuditEvents.Add(new AuditEvent(ImportedAction, nameof(ImportedStatement), null, JsonSerializer.Serialize(new
            {
                fileName, format, statements = ids, accounts = read.Statements.Select(s => s.Iban).Distinct(), added = added.Count,
                alreadyImported = already, proposed,
            })));
        }, ct);
        if (!outcome.Succeeded) return Refused([.. outcome.Errors.Select(e => e.Message)]);
        if (problems.Count > 0) return Refused(problems);
        return new(read.Statements.Count, added.Count, already, read.Statements.Sum(s => s.SkippedNotBooked), proposed, []);
    }

    /// <summary>
    /// One booking on one account, as a bank identifies it: its reference when it gives one (whatever the capitals), with
    /// its booking date, direction and amount; else everything the line says, its value date and texts too.
    /// </summary>
    private sealed record Booking(string Iban, string? Reference, DateOnly BookingDate, DateOnly? ValueDate, bool IsCredit, Money Amount, string? Text)
    {
        public static Booking? Of(string? iban, string? reference, DateOnly bookingDate, DateOnly valueDate, bool isCredit, Money amount,
            string? remittance, string? endToEndId, string? counterparty) =>
            iban is null ? null
            : reference is not null ? new(iban, reference.ToUpperInvariant(), bookingDate, null, isCredit, amount, null)
            : new(iban, null, bookingDate, valueDate, isCredit, amount, $"{remittance}|{endToEndId}|{counterparty}".ToUpperInvariant());

        public static Booking? Of(string? iban, StatementLine line) => Of(iban, line.Reference, line.BookingDate, line.ValueDate,
            line.Direction == EntryDirection.Credit, line.Amount, line.Remittance, line.EndToEndId, line.Counterparty);
    }

    /// <summary>
    /// The bookings already imported on the file's accounts over the days its lines were booked, each with the statement
    /// it is on (once per entry: two identical bookings are two).
    /// </summary>
    private async Task<List<(Booking Booking, Guid StatementId)>> BookingsOnAccountsAsync(IReadOnlyList<BankStatement> statements, CancellationToken ct)
    {
        var accounts = statements.Select(s => s.Iban).OfType<string>().Distinct().ToList();
        var lines = statements.Where(s => s.Iban is not null).SelectMany(s => s.Lines).ToList();
        if (lines.Count == 0) return [];
        var (first, last) = (lines.Min(l => l.BookingDate), lines.Max(l => l.BookingDate));
        var booked = await (from e in db.StatementEntries.AsNoTracking()
                            join s in db.BankStatements.AsNoTracking() on e.StatementId equals s.Id
                            where s.Iban != null && accounts.Contains(s.Iban) && e.BookingDate >= first && e.BookingDate <= last
                            select new { s.Iban, e.StatementId, e.Reference, e.BookingDate, e.ValueDate, e.IsCredit, e.Amount, e.Remittance, e.EndToEndId, e.Counterparty })
            .ToListAsync(ct);
        return [.. booked.Select(b => (Booking.Of(b.Iban, b.Reference, b.BookingDate, b.ValueDate, b.IsCredit, b.Amount, b.Remittance, b.EndToEndId,
            b.Counterparty)!, b.StatementId))];
    }

    private static StatementImportResult Refused(IReadOnlyList<string> problems) => new(0, 0, 0, 0, 0, problems);

    /// <summary>
    /// Proposes, for the new entries, the open ledger entries they settle: of the kinds a bank moves, not reversed, not
    /// settled already, in the entries' currencies and within the matcher's tolerance of their dates (read in SQL).
    /// </summary>
    private async Task<int> ProposeAsync(List<StatementEntry> entries, DateTime now, CancellationToken ct)
    {
        if (entries.Count == 0) return 0;
        var from = entries.Min(e => e.ValueDate).AddDays(-StatementMatcher.DefaultToleranceDays);
        var to = entries.Max(e => e.ValueDate).AddDays(StatementMatcher.DefaultToleranceDays);
        var currencies = entries.Select(e => e.Amount.Currency).Distinct().ToList();
        var candidates = await OpenEntries()
            .Where(e => e.ValueDate >= from && e.ValueDate <= to && currencies.Contains(e.Amount.Currency))
            .Select(e => new { e.Id, e.Kind, e.Amount, e.ValueDate, e.BankReference, Grant = e.Application!.Reference })
            .ToListAsync(ct);
        var lines = entries.Select((e, i) => e.AsLine(i)).ToList();
        var result = StatementMatcher.Propose(lines, candidates.Select(c => new MatchCandidate(c.Id, KindOf(c.Kind), c.Amount, c.ValueDate,
            c.BankReference, c.Grant)).ToList());
        foreach (var proposal in result.Proposals)
            db.StatementMatches.Add(new StatementMatch(entries[proposal.Line.Line].Id, proposal.Candidate.EntryId, confirmed: false, proposal.Reason, null, now));
        return result.Proposals.Count;
    }

    /// <summary>
    /// Ledger entries a statement may still settle: of a kind the bank moves, neither a reversal nor reversed, not matched.
    /// As of a date (the reconciliation workbook): dated on or before it, and neither reversed nor matched by anything dated
    /// on or before it.
    /// </summary>
    internal IQueryable<LedgerEntry> OpenEntries(DateOnly? asOf = null)
    {
        var (entries, reversals, matches) = asOf is { } date
            ? (db.LedgerEntries.Where(e => e.ValueDate <= date), db.LedgerEntries.Where(r => r.ValueDate <= date), MatchesAsOf(date))
            : (db.LedgerEntries, db.LedgerEntries, db.StatementMatches);
        return entries.AsNoTracking()
            .Where(e => Settled.Contains(e.Kind) && e.ReversesEntryId == null
                        && !reversals.Any(r => r.ReversesEntryId == e.Id)
                        && !matches.Any(m => m.LedgerEntryId == e.Id));
    }

    /// <summary>
    /// Statement entries not (or not wholly) settled: no match yet. As of a date: dated on or before it, with no match to a
    /// ledger entry dated on or before it.
    /// </summary>
    internal IQueryable<StatementEntry> UnmatchedEntries(DateOnly? asOf = null)
    {
        var (lines, matches) = asOf is { } date
            ? (db.StatementEntries.Where(e => e.ValueDate <= date), MatchesAsOf(date))
            : (db.StatementEntries, db.StatementMatches);
        return lines.AsNoTracking().Where(e => !matches.Any(m => m.StatementEntryId == e.Id));
    }

    /// <summary>The matches of a statement entry and a ledger entry both dated on or before <paramref name="date"/>.</summary>
    internal IQueryable<StatementMatch> MatchesAsOf(DateOnly date) =>
        db.StatementMatches.Where(m => db.StatementEntries.Any(s => s.Id == m.StatementEntryId && s.ValueDate <= date)
                                       && db.LedgerEntries.Any(e => e.Id == m.LedgerEntryId && e.ValueDate <= date));

    private static CandidateKind KindOf(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Disbursement => CandidateKind.Disbursement,
        LedgerEntryKind.Refund => CandidateKind.Refund,
        LedgerEntryKind.Contribution => CandidateKind.Contribution,
        _ => CandidateKind.BankCharge,
    };

    public Task<CommandOutcome> ConfirmAsync(ClaimsPrincipal finance, Guid matchId, CancellationToken ct) =>
        actions.RunAsync(finance, async () =>
        {
            await StatementMatching.TakeAsync(db, ct);
            var match = await db.StatementMatches.SingleOrDefaultAsync(m => m.Id == matchId, ct)
                        ?? throw new DomainException(InterfaceLanguage.Text("Statement.NoSuchMatch"));
            match.Confirm(ApplicationAccess.ActorFor(finance).UserId, clock.GetUtcNow().UtcDateTime);
        }, ct);

    /// <summary>A proposal that is wrong is removed (the removal is audited); the statement entry and the ledger entry are open again.</summary>
    public Task<CommandOutcome> RejectAsync(ClaimsPrincipal finance, Guid matchId, CancellationToken ct) =>
        actions.RunAsync(finance, async () =>
        {
            await StatementMatching.TakeAsync(db, ct);
            var match = await db.StatementMatches.SingleOrDefaultAsync(m => m.Id == matchId, ct)
                        ?? throw new DomainException(InterfaceLanguage.Text("Statement.NoSuchMatch"));
            if (match.Confirmed) throw new DomainException(InterfaceLanguage.Text("Statement.ConfirmedStays"));
            db.StatementMatches.Remove(match);
        }, ct);

    /// <summary>
    /// Finance matches a statement entry by hand to one ledger entry, or splits it between several (<see cref="StatementEntry.MatchByHand"/>),
    /// confirmed at once. Decided under <see cref="StatementMatching"/> on what is open then: of two people matching the same
    /// statement entry, or the same ledger entry, at once, the second is told that someone else has just matched it (409).
    /// </summary>
    public async Task<CommandOutcome> MatchByHandAsync(ClaimsPrincipal finance, Guid statementEntryId, IReadOnlyList<Guid> ledgerEntryIds,
        CancellationToken ct)
    {
        var ids = ledgerEntryIds.Distinct().ToList();
        var userId = ApplicationAccess.ActorFor(finance).UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        string? changed = null;
        try
        {
            var outcome = await actions.RunAsync(finance, async () =>
            {
                await StatementMatching.TakeAsync(db, ct);
                var entry = await db.StatementEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == statementEntryId, ct)
                            ?? throw new DomainException(InterfaceLanguage.Text("Statement.NoSuchEntry"));
                var chosen = await OpenEntries().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
                if (await db.StatementMatches.AnyAsync(m => m.StatementEntryId == entry.Id, ct))
                    changed = InterfaceLanguage.Text("Statement.ChangedLineMatched");
                else if (chosen.Count != ids.Count && await db.StatementMatches.Where(m => ids.Contains(m.LedgerEntryId))
                             .OrderBy(m => m.Confirmed).Select(m => (bool?)m.Confirmed).FirstOrDefaultAsync(ct) is { } confirmed)
                {
                    // A proposal made at import is nobody's late change: it is rejected first, on its own line.
                    if (!confirmed)
                        throw new DomainException(InterfaceLanguage.Text("Statement.TickedIsProposed"), StatementEntry.LedgerEntriesField);
                    changed = InterfaceLanguage.Text("Statement.ChangedEntryMatched");
                }
                else if (chosen.Count != ids.Count)
                    throw new DomainException(InterfaceLanguage.Text("Statement.TickedNotOpen"),
                        StatementEntry.LedgerEntriesField);
                if (changed is null) db.StatementMatches.AddRange(entry.MatchByHand(chosen, userId, now));
            }, ct);
            return changed is null ? outcome : ChangedBySomeoneElse(changed);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondMatch(ex))
        {
            // Where the lock is not needed (SQLite) or was given up waiting, the unique index still settles a ledger entry once.
            db.ChangeTracker.Clear();
            return ChangedBySomeoneElse(InterfaceLanguage.Text("Statement.ChangedEntryMatched"));
        }
    }

    private static CommandOutcome ChangedBySomeoneElse(string what) =>
        new(409, [(StatementEntry.LedgerEntriesField,
            InterfaceLanguage.Format("Statement.ChangedBySomeoneElse", what))]);
}
