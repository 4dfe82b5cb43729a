using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.Web.Features.Finance;

/// <summary>Another entry named by a ledger row: the one a reversal reverses, or the reversal of a reversed entry.</summary>
public sealed record LedgerLink(Guid Id, DateOnly ValueDate, string Description);

/// <summary>
/// One ledger entry as every finance list and workbook shows it: its amount and fund amount signed (a reversal is a
/// negative row), its rate, the entries it is linked to by a reversal, and whether a line of a bank statement settles it
/// (<paramref name="Matched"/>, proposed or confirmed).
/// </summary>
public sealed record LedgerRow(Guid Id, DateOnly ValueDate, LedgerEntryKind Kind, string? Grant, string Description, string? Donor,
    string? Earmarking, string? BankReference, string Currency, decimal EntryAmount, string FundCurrency, decimal EntryFundAmount, decimal Rate,
    DateOnly RateDate, string RateSource, LedgerLink? Reverses, LedgerLink? ReversedBy, bool Matched)
{
    public bool IsReversal => Reverses is not null;
    public bool IsReversed => ReversedBy is not null;
    /// <summary>A donor's contribution or a charge on the fund's own account: corrected from the ledger, not through a grant.</summary>
    public bool OnFundOnly => Grant is null;
    /// <summary>
    /// Finance may reverse it from the ledger: a fund entry, neither a reversal nor reversed already, nor matched to a line of
    /// a bank statement (LedgerEntry.Reverse says why).
    /// </summary>
    public bool MayReverse => OnFundOnly && !IsReversal && !IsReversed && !Matched;

    /// <summary>
    /// Why the entry has no amount in <paramref name="fundCurrency"/>, or null when it has one. Entries in another currency
    /// written before rates were kept were given their own amount at rate 1 by the migration ExchangeRatesAndConversions
    /// (ADR 0022): their "fund amount" is in their own currency, so the fund's balance leaves them out (FundBalances).
    /// </summary>
    public string? NotInFundCurrency(string fundCurrency) => FundCurrency == fundCurrency
        ? null
        : InterfaceLanguage.Format("Ledger.NotConverted", fundCurrency, Currency);

    private int Sign => IsReversal ? -1 : 1;
    /// <summary>The amount in the entry's currency; negative for a reversal.</summary>
    public Money Amount => new(Sign * EntryAmount, Currency);
    /// <summary>The amount in fund currency at <see cref="Rate"/>; negative for a reversal.</summary>
    public Money FundAmount => new(Sign * EntryFundAmount, FundCurrency);

    /// <summary>Money into the fund's account (a contribution, a refund, an exchange gain), in the entry's currency; 0 otherwise.</summary>
    public decimal CashIn => LedgerEntry.CashEffectOf(Kind, 1m) > 0 ? Amount.Amount : 0m;
    /// <summary>Money out of the fund's account (a payment, a charge, an exchange loss), as a positive figure; 0 otherwise.</summary>
    public decimal CashOut => LedgerEntry.CashEffectOf(Kind, 1m) < 0 ? Amount.Amount : 0m;
    /// <summary>What the entry does to the open commitments, in its currency.</summary>
    public decimal CommitmentChange => LedgerEntry.CommitmentEffectOf(Kind, Amount.Amount);

    /// <summary>"0.8812 (UN operational rate, 2026-03-04)"; empty for an entry in fund currency, which nothing converted.</summary>
    public string RateText => Currency == FundCurrency
        ? ""
        : $"{ExchangeRate.Format(Rate)} ({RateSource}, {RateDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";
}

/// <summary>The one query that reads ledger rows, for the ledger page, its API and workbooks, and the fund entries' lists.</summary>
public static class LedgerRows
{
    /// <summary>
    /// <paramref name="entries"/> as rows in value-date order (newest first when asked), each with the entry it reverses
    /// and the reversal that reverses it (up to <paramref name="reversalsUpTo"/> when given), read by two left joins in
    /// the same statement, and whether a statement entry is matched to it: never a query per row.
    /// </summary>
    public static IQueryable<LedgerRow> Of(CafDbContext db, IQueryable<LedgerEntry> entries, bool newestFirst = false, DateOnly? reversalsUpTo = null)
    {
        var reversals = reversalsUpTo is { } upTo ? db.LedgerEntries.Where(r => r.ValueDate <= upTo) : db.LedgerEntries;
        var joined =
            from e in entries
            join o in db.LedgerEntries on e.ReversesEntryId equals (Guid?)o.Id into originals
            from o in originals.DefaultIfEmpty()
            join r in reversals on (Guid?)e.Id equals r.ReversesEntryId into reversedBy
            from r in reversedBy.DefaultIfEmpty()
            select new { e, o, r };
        var ordered = newestFirst
            ? joined.OrderByDescending(x => x.e.ValueDate).ThenByDescending(x => x.e.RecordedAtUtc).ThenByDescending(x => x.e.Id)
            : joined.OrderBy(x => x.e.ValueDate).ThenBy(x => x.e.RecordedAtUtc).ThenBy(x => x.e.Id);
        return ordered.Select(x => new LedgerRow(x.e.Id, x.e.ValueDate, x.e.Kind, x.e.Application!.Reference, x.e.Description, x.e.Donor,
            x.e.Earmarking, x.e.BankReference, x.e.Amount.Currency, x.e.Amount.Amount, x.e.FundAmount.Currency, x.e.FundAmount.Amount, x.e.Rate,
            x.e.RateDate, x.e.RateSource,
            x.o == null ? null : new LedgerLink(x.o.Id, x.o.ValueDate, x.o.Description),
            x.r == null ? null : new LedgerLink(x.r.Id, x.r.ValueDate, x.r.Description),
            db.StatementMatches.Any(m => m.LedgerEntryId == x.e.Id)));
    }
}
