using System.Globalization;
using System.Text;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>One booked CHF entry of a test statement: its amount, direction, value (and booking) date, bank reference and text.</summary>
internal sealed record CamtLine(decimal Amount, bool Credit, DateOnly Date, string Reference, string Text);

/// <summary>camt.053 statements of the fund's CHF account, as a Swiss bank writes them, for tests that import one.</summary>
internal static class CamtStatements
{
    /// <summary>A camt.053 statement of CHF entries, in the shape of .001.04 or .001.08 (whose entry status is a code).</summary>
    public static byte[] Build(string version, string statementId, params CamtLine[] lines)
    {
        var status = version == "08" ? "<Sts><Cd>BOOK</Cd></Sts>" : "<Sts>BOOK</Sts>";
        var entries = string.Concat(lines.Select(l => $"""
            <Ntry><Amt Ccy="CHF">{l.Amount.ToString("0.00", CultureInfo.InvariantCulture)}</Amt><CdtDbtInd>{(l.Credit ? "CRDT" : "DBIT")}</CdtDbtInd>{status}
            <BookgDt><Dt>{Day(l.Date)}</Dt></BookgDt><ValDt><Dt>{Day(l.Date)}</Dt></ValDt><AcctSvcrRef>{l.Reference}</AcctSvcrRef>
            <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn></BkTxCd><AddtlNtryInf>{l.Text}</AddtlNtryInf></Ntry>
            """));
        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"><BkToCstmrStmt>
            <GrpHdr><MsgId>MSG-{statementId}</MsgId><CreDtTm>2026-04-01T06:15:02+02:00</CreDtTm></GrpHdr>
            <Stmt><Id>{statementId}</Id><CreDtTm>2026-04-01T06:15:02+02:00</CreDtTm><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt></Bal>
            {entries}
            </Stmt></BkToCstmrStmt></Document>
            """);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
