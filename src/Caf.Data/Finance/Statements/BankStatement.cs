namespace Caf.Data.Finance.Statements;

/// <summary>Which way a statement line moves the fund's money: in (credit) or out (debit) of the account.</summary>
internal enum EntryDirection { Credit, Debit }

/// <summary>
/// One account's statement as the bank delivered it (docs/features/bank-statements.md). <see cref="Lines"/> are the booked
/// entries only; <see cref="SkippedNotBooked"/> counts the pending and information entries that were left out.
/// </summary>
/// <param name="Id">The bank's statement id (camt <c>Stmt/Id</c>; the CSV's <c>statement_id</c>).</param>
/// <param name="Iban">The account's IBAN without spaces, when the file gives one.</param>
/// <param name="Currency">The account's currency; every line is in it.</param>
/// <param name="From">First day the statement covers (camt <c>FrToDt</c>, the date as written), when given.</param>
/// <param name="To">Last day the statement covers, when given.</param>
/// <param name="Created">When the bank made the statement (camt <c>Stmt/CreDtTm</c>, else <c>GrpHdr/CreDtTm</c>); none for CSV.</param>
internal sealed record BankStatement(
    string Id, string? Iban, string Currency, DateOnly? From, DateOnly? To, DateTimeOffset? Created,
    IReadOnlyList<StatementLine> Lines, int SkippedNotBooked);

/// <summary>
/// One booked entry of a statement. Texts are normalized (<see cref="BankText.Normalize"/>: trimmed, white space folded,
/// invisible characters removed, dashes made "-") and cut to the lengths
/// below; an absent or blank text is null. An entry of several transactions (camt <c>TxDtls</c>) is one line for its
/// whole amount, with the transactions' distinct texts joined by " | ".
/// </summary>
/// <param name="Line">The line of the file the entry starts on (camt <c>Ntry</c>, or the CSV row).</param>
/// <param name="Reference">
/// The bank's reference for the entry, at most <see cref="MaxReferenceLength"/> characters. In camt the first of: the entry's
/// <c>AcctSvcrRef</c> (the bank's own booking reference, unique per booking), its <c>NtryRef</c>, then the first transaction's
/// <c>Refs/AcctSvcrRef</c>, <c>TxId</c>, <c>InstrId</c> or <c>MsgId</c>.
/// </param>
/// <param name="Amount">Always more than zero and in the currency's minor unit; <paramref name="Direction"/> gives the sign.</param>
/// <param name="ValueDate">The value date; the booking date when the bank gives none.</param>
/// <param name="Remittance">What the payer wrote (camt <c>RmtInf</c>: <c>Ustrd</c>, <c>Strd/CdtrRefInf/Ref</c>, <c>Strd/AddtlRmtInf</c>; else the entry's <c>AddtlNtryInf</c>), at most <see cref="MaxTextLength"/>.</param>
/// <param name="EndToEndId">The payer's end-to-end id (camt <c>Refs/EndToEndId</c>; "NOTPROVIDED" is none), at most <see cref="MaxIdLength"/>.</param>
/// <param name="Counterparty">Who paid (the debtor of a credit) or was paid (the creditor of a debit), at most <see cref="MaxIdLength"/>.</param>
internal sealed record StatementLine(
    int Line, string? Reference, Money Amount, EntryDirection Direction, DateOnly BookingDate, DateOnly ValueDate,
    string? Remittance, string? EndToEndId, string? Counterparty)
{
    public const int MaxReferenceLength = 35;
    public const int MaxIdLength = 140;
    public const int MaxTextLength = 500;

    /// <summary>A text as a line keeps it: null when blank, read as <see cref="BankText.Normalize"/> reads it, at most <paramref name="maxLength"/> characters.</summary>
    public static string? Clean(string? text, int maxLength) => BankText.Normalize(text, maxLength);

    /// <summary>Several transactions' texts as one: each cleaned, the distinct ones in order joined by " | ", then cut; null when none.</summary>
    public static string? Join(IEnumerable<string?> texts, int maxLength) =>
        Clean(string.Join(" | ", texts.Select(t => Clean(t, int.MaxValue)).OfType<string>().Distinct(StringComparer.Ordinal)), maxLength);
}

/// <summary>What is wrong with a statement file, where: the line, and the camt element or CSV column when there is one.</summary>
internal sealed partial record StatementProblem(int Line, string? Element, string? Column, string Message)
{
    /// <summary>The most of a value from the file a message quotes; a longer one is cut, with its length said.</summary>
    public const int MaxQuotedLength = 120;

    public static StatementProblem AtLine(int line, string message) => new(line, null, null, Shortened(message));
    public static StatementProblem AtElement(int line, string element, string message) => new(line, element, null, Shortened(message));
    public static StatementProblem AtColumn(int line, string column, string message) => new(line, null, column, Shortened(message));

    /// <summary>
    /// The message with every long run it quotes from the file (a word, or a value between quotes, over
    /// <see cref="MaxQuotedLength"/> characters) cut to its start and "… (N characters)": a malformed file can hold
    /// megabytes in one value, and the page lists up to a hundred problems.
    /// </summary>
    internal static string Shortened(string message) => LongRun().Replace(message, run =>
        DomainText.Get("Statement.Shortened", run.Value[..MaxQuotedLength], run.Value.Length));

    [System.Text.RegularExpressions.GeneratedRegex("[^'\\s]{121,}|(?<=')[^']{121,}(?=')")]
    private static partial System.Text.RegularExpressions.Regex LongRun();

    public override string ToString() =>
        Element is not null ? DomainText.Get("Statement.AtElement", Line, Element, Message)
        : Column is not null ? DomainText.Get("Statement.AtColumn", Line, Column, Message)
        : DomainText.Get("Statement.AtLine", Line, Message);
}

/// <summary>Either every statement of a clean file, or every problem of a bad one (never some of the statements).</summary>
internal sealed record StatementReadResult(IReadOnlyList<BankStatement> Statements, IReadOnlyList<StatementProblem> Problems)
{
    public bool IsClean => Problems.Count == 0;

    /// <summary>At most this many problems are listed: a file that is wrong throughout says so in the first ones.</summary>
    public const int MaxProblems = 100;

    public static StatementReadResult Refused(params IReadOnlyList<StatementProblem> problems) =>
        problems.Count <= MaxProblems
            ? new([], problems)
            : new([], [.. problems.Take(MaxProblems), StatementProblem.AtLine(problems[MaxProblems].Line,
                DomainText.Get("Statement.MoreProblems", problems.Count - MaxProblems))]);
}
