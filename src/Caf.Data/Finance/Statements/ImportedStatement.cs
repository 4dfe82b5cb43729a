using Caf.Data.Entities;

namespace Caf.Data.Finance.Statements;

/// <summary>
/// A bank statement as imported (docs/features/bank-statements.md): the bank's statement id and account, and its booked
/// entries. A statement is its account's: the same id on another account is another statement. Importing the same
/// statement again adds only entries not seen before (by account, statement id and entry key).
/// </summary>
public sealed class ImportedStatement : IAudited
{
    public const int MaxIdLength = 140;
    public const int MaxFileNameLength = 255;

    private ImportedStatement() { }

    internal ImportedStatement(string bankStatementId, string? iban, string currency, DateOnly? from, DateOnly? to, string format,
        string fileName, string userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        BankStatementId = bankStatementId;
        Iban = iban;
        Currency = currency;
        From = from;
        To = to;
        Format = format;
        FileName = fileName;
        ImportedByUserId = userId;
        ImportedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    /// <summary>The bank's id for the statement (camt <c>Stmt/Id</c>, the CSV's <c>statement_id</c>).</summary>
    public string BankStatementId { get; private set; } = "";
    public string? Iban { get; private set; }
    public string Currency { get; private set; } = "";
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
    /// <summary>camt.053.001.04, camt.053.001.08 or CSV.</summary>
    public string Format { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ImportedByUserId { get; private set; } = "";
    public DateTime ImportedAtUtc { get; private set; }
}

/// <summary>One booked entry of an imported statement, kept as the bank wrote it.</summary>
public sealed class StatementEntry : IAudited
{
    public const int MaxKeyLength = 200;

    private StatementEntry() { }

    internal StatementEntry(Guid statementId, string key, StatementLine line)
    {
        Id = Guid.NewGuid();
        StatementId = statementId;
        Key = key;
        Reference = line.Reference;
        Amount = line.Amount;
        IsCredit = line.Direction == EntryDirection.Credit;
        BookingDate = line.BookingDate;
        ValueDate = line.ValueDate;
        Remittance = line.Remittance;
        EndToEndId = line.EndToEndId;
        Counterparty = line.Counterparty;
    }

    public Guid Id { get; private set; }
    public Guid StatementId { get; private set; }
    /// <summary>What makes the entry the same one when the statement comes again: its bank reference, or its date, direction, amount and place.</summary>
    public string Key { get; private set; } = "";
    public string? Reference { get; private set; }
    public Money Amount { get; private set; }
    /// <summary>Money in (a credit) or out (a debit) of the fund's account.</summary>
    public bool IsCredit { get; private set; }
    public DateOnly BookingDate { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public string? Remittance { get; private set; }
    public string? EndToEndId { get; private set; }
    public string? Counterparty { get; private set; }

    /// <summary>The form field of the ledger entries finance ticks to settle an entry by hand.</summary>
    public const string LedgerEntriesField = "LedgerEntryIds";

    /// <summary>
    /// Finance settles this entry by hand with one open ledger entry, or splits it between several: entries whose money
    /// moves the same way, in its currency, adding up to its amount exactly. Confirmed at once. Whether the entry and the
    /// ledger entries are still open is the caller's to know (it reads them under <see cref="StatementMatching"/>).
    /// </summary>
    internal IReadOnlyList<StatementMatch> MatchByHand(IReadOnlyList<LedgerEntry> chosen, string userId, DateTime nowUtc)
    {
        if (chosen.Count == 0) throw new DomainException(DomainText.Get("Statement.TickEntries"), LedgerEntriesField);
        if (chosen.Any(e => e.Amount.Currency != Amount.Currency))
            throw new DomainException(DomainText.Get("Statement.TickSameCurrency", Amount.Currency), LedgerEntriesField);
        if (chosen.Any(e => LedgerEntry.CashEffectOf(e.Kind, 1m) > 0 != IsCredit))
            throw new DomainException(DomainText.Get(IsCredit ? "Statement.MoneyIn" : "Statement.MoneyOut"),
                LedgerEntriesField);
        var total = Bounds.Sum(chosen.Select(e => e.Amount.Amount));
        if (total != Amount.Amount)
            throw new DomainException(DomainText.Get("Statement.TickedTotal", new Money(total, Amount.Currency), Amount), LedgerEntriesField);
        var reason = chosen.Count == 1 ? DomainText.Get("Statement.ReasonByHand") : DomainText.Get("Statement.ReasonSplit", chosen.Count);
        return [.. chosen.Select(e => new StatementMatch(Id, e.Id, confirmed: true, reason, userId, nowUtc))];
    }

    /// <summary>The line as the matcher reads it, numbered <paramref name="number"/> to find it again.</summary>
    internal StatementLine AsLine(int number) => new(number, Reference, Amount, IsCredit ? EntryDirection.Credit : EntryDirection.Debit, BookingDate, ValueDate,
        Remittance, EndToEndId, Counterparty);

    /// <summary>The key of a line: the bank's reference when it gives one, else what the line says, with its place to tell twins apart.</summary>
    internal static string KeyOf(StatementLine line) =>
        line.Reference is { } reference ? $"ref:{reference}"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"line:{line.BookingDate:yyyy-MM-dd}|{line.Direction}|{line.Amount.Amount:0.00}|{line.Amount.Currency}|{line.Line}");
}

/// <summary>
/// A statement entry settling a ledger entry: proposed by the matcher or made by hand, then confirmed by finance. Several
/// matches on one statement entry split it between ledger entries; a ledger entry is settled once.
/// </summary>
public sealed class StatementMatch : IAudited
{
    public const int MaxReasonLength = 300;

    private StatementMatch() { }

    internal StatementMatch(Guid statementEntryId, Guid ledgerEntryId, bool confirmed, string reason, string? userId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        StatementEntryId = statementEntryId;
        LedgerEntryId = ledgerEntryId;
        Confirmed = confirmed;
        Reason = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
        ConfirmedByUserId = confirmed ? userId : null;
        ConfirmedAtUtc = confirmed ? nowUtc : null;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid StatementEntryId { get; private set; }
    public Guid LedgerEntryId { get; private set; }
    public bool Confirmed { get; private set; }
    public string Reason { get; private set; } = "";
    public string? ConfirmedByUserId { get; private set; }
    public DateTime? ConfirmedAtUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public void Confirm(string userId, DateTime nowUtc)
    {
        if (Confirmed) throw new DomainException(DomainText.Get("Statement.AlreadyConfirmed"));
        Confirmed = true;
        ConfirmedByUserId = userId;
        ConfirmedAtUtc = nowUtc;
    }
}

/// <summary>
/// Matching, one unit of work at a time: an import proposing matches, finance confirming, rejecting or matching by hand,
/// and a reversal of a ledger entry each read what is matched under this lock and decide on it, so that two people
/// matching one statement entry (or one ledger entry) at once match it once, and nothing is reversed while being matched.
/// </summary>
public static class StatementMatching
{
    // 0x434146_53544D54 ("CAFSTMT" in ASCII).
    private static readonly TransactionLock Matching = new(18930593741163860, "caf-statement-matching", "Statement.MatchingBusy");

    /// <summary>Held until the transaction of the user action ends; taken before anything about matches is read.</summary>
    public static Task TakeAsync(CafDbContext db, CancellationToken ct) => Matching.TakeAsync(db.Database, ct);
}
