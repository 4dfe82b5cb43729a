using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Caf.Data.Finance.Statements;

/// <summary>
/// Reads an ISO 20022 bank-to-customer statement, camt.053.001.04 or camt.053.001.08 (what Swiss banks deliver), into
/// <see cref="BankStatement"/>s (docs/features/bank-statements.md). The file is hostile input: at most <see cref="MaxBytes"/>,
/// no DTD, nothing fetched from outside, and validated against the schema of its namespace (embedded, Schemas/). A file
/// with any problem gives no statement and every problem with its line and element. Pure: no database.
/// </summary>
internal static partial class Camt053Reader
{
    public const string Namespace04 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.04";
    public const string Namespace08 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    public const int MaxBytes = 20 * 1024 * 1024;

    private const string Booked = "BOOK";

    /// <summary>A transaction's references that may stand for the entry's, in the order they are taken (after the entry's own).</summary>
    private static readonly string[] TransactionReferences = ["AcctSvcrRef", "TxId", "InstrId", "MsgId"];
    private static string AskTheBank => DomainText.Get("Statement.AskTheBank");

    // Compiled once per process; validating only reads a compiled set.
    private static readonly Lazy<XmlSchemaSet> Schema04 = new(() => LoadSchema("camt.053.001.04.xsd"));
    private static readonly Lazy<XmlSchemaSet> Schema08 = new(() => LoadSchema("camt.053.001.08.xsd"));

    private static readonly XmlReaderSettings Hostile = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a statement file from a stream (an upload), stopping at <see cref="MaxBytes"/>.</summary>
    public static StatementReadResult Read(Stream file)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = file.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return Parse(new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    public static StatementReadResult Read(ReadOnlySpan<byte> file) =>
        file.Length > MaxBytes ? TooLarge() : Parse(new ArraySegment<byte>(file.ToArray()));

    /// <summary>The compiled schema of a camt.053 namespace (<see cref="Namespace04"/> or <see cref="Namespace08"/>).</summary>
    internal static XmlSchemaSet Schema(string ns) => ns switch
    {
        Namespace04 => Schema04.Value,
        Namespace08 => Schema08.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(ns), ns, "Not a camt.053 namespace read here."),
    };

    private static StatementReadResult TooLarge() => StatementReadResult.Refused(StatementProblem.AtLine(1,
        DomainText.Get("Statement.CamtTooLarge", MaxBytes / 1024 / 1024)));

    private static StatementReadResult Parse(ArraySegment<byte> file)
    {
        if (file.Count == 0) return StatementReadResult.Refused(StatementProblem.AtLine(1, DomainText.Get("Statement.CamtEmpty")));
        XDocument document;
        try
        {
            if (TooDeep(file) is { } tooDeep) return StatementReadResult.Refused(tooDeep);
            using var stream = new MemoryStream(file.Array!, file.Offset, file.Count, writable: false);
            using var reader = XmlReader.Create(stream, Hostile);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return StatementReadResult.Refused(Unreadable(file, e));
        }

        var root = document.Root!;
        var ns = root.Name.Namespace;
        if (ns.NamespaceName is not (Namespace04 or Namespace08))
            return StatementReadResult.Refused(StatementProblem.AtElement(LineOf(root), root.Name.LocalName,
                ns == XNamespace.None ? DomainText.Get("Statement.CamtNoNamespace", Namespace04, Namespace08)
                    : DomainText.Get("Statement.CamtOtherNamespace", ns.NamespaceName, Namespace04, Namespace08)));

        var file053 = new CamtFile(ns);
        file053.CheckWhatIsRead(document);
        file053.CheckSchema(document);
        if (file053.Problems.Count > 0) return StatementReadResult.Refused(file053.Sorted());
        var statements = file053.Statements(root);
        return file053.Problems.Count > 0 ? StatementReadResult.Refused(file053.Sorted()) : new StatementReadResult(statements, []);
    }

    /// <summary>
    /// Elements nested deeper than any statement nests them (camt.053 goes about fifteen levels down) end the reading, in a
    /// first streaming pass before the document is built: checking a document against its schema recurses once per level,
    /// and a file of a hundred thousand nested elements would exhaust the stack and stop the whole application.
    /// </summary>
    private static StatementProblem? TooDeep(ArraySegment<byte> file)
    {
        using var stream = new MemoryStream(file.Array!, file.Offset, file.Count, writable: false);
        using var reader = XmlReader.Create(stream, Hostile);
        while (reader.Read())
            if (reader.Depth > MaxDepth)
                return StatementProblem.AtElement(((IXmlLineInfo)reader).LineNumber, reader.LocalName,
                    DomainText.Get("Statement.CamtTooDeep", MaxDepth, AskTheBank));
        return null;
    }

    /// <summary>The deepest nesting read: more than twice what camt.053.001.04 and .001.08 use.</summary>
    public const int MaxDepth = 40;

    private static StatementProblem Unreadable(ArraySegment<byte> file, XmlException e)
    {
        var doctype = file.AsSpan().IndexOf("<!DOCTYPE"u8);
        if (doctype >= 0)
            return StatementProblem.AtLine(file.AsSpan(0, doctype).Count((byte)'\n') + 1,
                DomainText.Get("Statement.CamtDoctype", AskTheBank));
        var reason = PositionSuffix().Replace(e.Message, "");
        return StatementProblem.AtLine(Math.Max(e.LineNumber, 1),
            DomainText.Get("Statement.CamtNotXml", reason));
    }

    private static XmlSchemaSet LoadSchema(string fileName)
    {
        using var stream = typeof(Camt053Reader).Assembly.GetManifestResourceStream("Caf.Data.Finance.Statements.Schemas." + fileName)
            ?? throw new InvalidOperationException($"The schema {fileName} is not embedded in Caf.Data.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var schemas = new XmlSchemaSet { XmlResolver = null };
        schemas.Add(null, reader);
        schemas.Compile();
        return schemas;
    }

    private static int LineOf(XObject node) => ((IXmlLineInfo)node).LineNumber;

    private static string Version(XNamespace ns) => ns.NamespaceName[^15..];

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex(@"'urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.0\d:")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@" in namespace 'urn:[^']*'")]
    private static partial Regex InNamespace();

    /// <summary>One file's reading: its namespace, and the problems found so far, at most one per element.</summary>
    private sealed class CamtFile(XNamespace ns)
    {
        private readonly HashSet<XElement> reported = [];

        public List<StatementProblem> Problems { get; } = [];

        public IReadOnlyList<StatementProblem> Sorted() => [.. Problems.OrderBy(p => p.Line)];

        private void Problem(XElement at, string message)
        {
            if (reported.Add(at)) Problems.Add(StatementProblem.AtElement(LineOf(at), at.Name.LocalName, message));
        }

        /// <summary>
        /// What this reader relies on, checked in a finance officer's words before the schema is (which would say it in its own):
        /// every amount has a currency and is a number, every statement an Id.
        /// </summary>
        public void CheckWhatIsRead(XDocument document)
        {
            foreach (var amount in document.Descendants(ns + "Amt").Where(a => !a.HasElements))
            {
                var currency = (string?)amount.Attribute("Ccy");
                if (currency is null)
                    Problem(amount, DomainText.Get("Statement.CamtNoCurrency", amount.Value.Trim(), AskTheBank));
                else if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                    Problem(amount, DomainText.Get("Statement.CamtBadCurrency", currency, AskTheBank));
                else if (StatementAmount.Number(amount.Value) is not { } number)
                    Problem(amount, DomainText.Get("Statement.CamtNotAmount", amount.Value.Trim(), StatementAmount.Suggestion(amount.Value, currency) ?? "1500.00", AskTheBank));
                else if (number < 0)
                    Problem(amount, DomainText.Get("Statement.CamtSigned", StatementAmount.Plain(number), AskTheBank));
            }
            foreach (var statement in document.Descendants(ns + "Stmt"))
            {
                var id = statement.Element(ns + "Id");
                if (id is null) Problem(statement, DomainText.Get("Statement.CamtNoId", AskTheBank));
                else if (string.IsNullOrWhiteSpace(id.Value)) Problem(id, DomainText.Get("Statement.CamtBlankId", AskTheBank));
            }
        }

        /// <summary>The schema of the file's namespace, for an element (or its parent) not already reported.</summary>
        public void CheckSchema(XDocument document) =>
            document.Validate(Schema(ns.NamespaceName), (sender, e) =>
            {
                if (e.Severity != XmlSeverityType.Error) return;
                var element = sender as XElement ?? (sender as XAttribute)?.Parent ?? document.Root!;
                if (reported.Contains(element) || (element.Parent is { } parent && reported.Contains(parent))) return;
                var message = InNamespace().Replace(QualifiedName().Replace(e.Message, "'"), "");
                Problem(element, DomainText.Get("Statement.CamtLayout", Version(ns), message, AskTheBank));
            });

        /// <summary>Every statement of a file the schema accepted, with the rules the schema cannot hold.</summary>
        public List<BankStatement> Statements(XElement root)
        {
            var statements = new List<BankStatement>();
            var header = root.Element(ns + "BkToCstmrStmt")!;
            var messageCreated = header.Element(ns + "GrpHdr")!.Element(ns + "CreDtTm")!;
            var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var statement in header.Elements(ns + "Stmt"))
            {
                var idElement = statement.Element(ns + "Id")!;
                var id = idElement.Value.Trim();
                if (firstLineOf.TryGetValue(id, out var first))
                    Problem(idElement, DomainText.Get("Statement.CamtStatementTwice", id, first, AskTheBank));
                else firstLineOf[id] = LineOf(idElement);

                var account = statement.Element(ns + "Acct")!;
                var ibanElement = account.Element(ns + "Id")!.Element(ns + "IBAN");
                var iban = ibanElement is null ? null : Iban.Normalize(ibanElement.Value);
                if (ibanElement is not null && !Iban.IsValid(iban!))
                    Problem(ibanElement, DomainText.Get("Statement.CamtBadIban", ibanElement.Value.Trim(), AskTheBank));

                var entries = statement.Elements(ns + "Ntry").ToList();
                var currency = (string?)account.Element(ns + "Ccy")
                               ?? (string?)entries.FirstOrDefault()?.Element(ns + "Amt")!.Attribute("Ccy")
                               ?? (string)statement.Element(ns + "Bal")!.Element(ns + "Amt")!.Attribute("Ccy")!;
                currency = currency.Trim();
                if (StatementAmount.CurrencyProblem(currency) is { } notTheFunds)
                {
                    Problem(account.Element(ns + "Ccy") ?? statement, $"{notTheFunds} {AskTheBank}");
                    continue;
                }

                var lines = new List<StatementLine>();
                var skipped = 0;
                foreach (var entry in entries)
                {
                    if (Status(entry) != Booked)
                    {
                        skipped++;
                        continue;
                    }
                    if (Line(entry, currency) is { } line) lines.Add(line);
                }

                var period = statement.Element(ns + "FrToDt");
                statements.Add(new BankStatement(id, iban, currency,
                    period is null ? null : Date(period.Element(ns + "FrDtTm")!),
                    period is null ? null : Date(period.Element(ns + "ToDtTm")!),
                    Instant(statement.Element(ns + "CreDtTm") ?? messageCreated),
                    lines, skipped));
            }
            return statements;
        }

        /// <summary>"BOOK", "PDNG", "INFO" … : the text of Sts in .04, of Sts/Cd (or Sts/Prtry) in .08.</summary>
        private string Status(XElement entry)
        {
            var status = entry.Element(ns + "Sts")!;
            return (status.HasElements ? status.Elements().First().Value : status.Value).Trim();
        }

        private StatementLine? Line(XElement entry, string currency)
        {
            var problemsBefore = Problems.Count;
            var amountElement = entry.Element(ns + "Amt")!;
            var entryCurrency = ((string)amountElement.Attribute("Ccy")!).Trim();
            var amount = new Money(StatementAmount.Number(amountElement.Value)!.Value, entryCurrency);
            if (entryCurrency != currency)
                Problem(amountElement, DomainText.Get("Statement.CamtOtherCurrency", entryCurrency, currency, AskTheBank));
            else if (StatementAmount.Problem(amount) is { } wrong)
                Problem(amountElement, $"{wrong} {AskTheBank}");

            var direction = entry.Element(ns + "CdtDbtInd")!.Value.Trim() == "CRDT" ? EntryDirection.Credit : EntryDirection.Debit;
            var bookingElement = entry.Element(ns + "BookgDt");
            if (bookingElement is null) Problem(entry, DomainText.Get("Statement.CamtNoBookingDate", AskTheBank));
            var booking = bookingElement is null ? null : Date(bookingElement.Elements().First());
            var valueElement = entry.Element(ns + "ValDt");
            var value = valueElement is null ? booking : Date(valueElement.Elements().First());
            if (Problems.Count > problemsBefore || booking is null || value is null) return null;

            var transactions = entry.Elements(ns + "NtryDtls").Elements(ns + "TxDtls").ToList();
            var references = transactions.Select(t => t.Element(ns + "Refs")).OfType<XElement>().ToList();
            string?[] ownReferences = [(string?)entry.Element(ns + "AcctSvcrRef"), (string?)entry.Element(ns + "NtryRef")];
            var reference = ownReferences
                .Concat(references.SelectMany(r => TransactionReferences.Select(name => (string?)r.Element(ns + name))))
                .Select(r => StatementLine.Clean(r, StatementLine.MaxReferenceLength))
                .FirstOrDefault(r => r is not null);
            var endToEnd = references.Select(r => (string?)r.Element(ns + "EndToEndId")).Where(id => id?.Trim() != "NOTPROVIDED");
            var remittance = StatementLine.Join(transactions.Elements(ns + "RmtInf").SelectMany(Remittance), StatementLine.MaxTextLength)
                             ?? StatementLine.Clean((string?)entry.Element(ns + "AddtlNtryInf"), StatementLine.MaxTextLength);
            var party = direction == EntryDirection.Credit ? "Dbtr" : "Cdtr";
            var counterparties = transactions.Select(t => t.Element(ns + "RltdPties")?.Element(ns + party))
                .Select(p => (string?)p?.Element(ns + "Nm") ?? (string?)p?.Element(ns + "Pty")?.Element(ns + "Nm"));

            return new StatementLine(LineOf(entry), reference, amount, direction, booking.Value, value.Value, remittance,
                StatementLine.Join(endToEnd, StatementLine.MaxIdLength), StatementLine.Join(counterparties, StatementLine.MaxIdLength));
        }

        /// <summary>What the payer wrote for the payee: free text, the structured creditor reference (QR or RF), its additional lines.</summary>
        private IEnumerable<string?> Remittance(XElement information) =>
            information.Elements(ns + "Ustrd").Select(u => (string?)u)
                .Concat(information.Elements(ns + "Strd").SelectMany(s =>
                    s.Elements(ns + "CdtrRefInf").Elements(ns + "Ref").Concat(s.Elements(ns + "AddtlRmtInf")).Select(t => (string?)t)));

        /// <summary>The date as the bank wrote it (a Dt, or the date of a DtTm, whatever its time and offset).</summary>
        private DateOnly? Date(XElement dateOrDateTime)
        {
            var text = dateOrDateTime.Value.Trim();
            if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Problem(dateOrDateTime, DomainText.Get("Statement.CamtNotDate", text, AskTheBank));
            return null;
        }

        /// <summary>An ISO date-time; one written without an offset is the fund's wall-clock time (Swiss banks write Swiss time).</summary>
        private DateTimeOffset? Instant(XElement dateTime)
        {
            var text = dateTime.Value.Trim();
            if (text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)) return withOffset;
            }
            else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return new DateTimeOffset(local, FundTime.Zone.GetUtcOffset(local));
            Problem(dateTime, DomainText.Get("Statement.CamtNotDateTime", text, AskTheBank));
            return null;
        }
    }
}
