using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Caf.Data.Auditing;

/// <summary>
/// What verifying the trail found: every record and checkpoint whole, or the first sequence number that can no longer be
/// trusted and why.
/// </summary>
public sealed record AuditVerification(long Records, string? HeadHash, int CheckpointsMatched, long? FirstBadSequence, string? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>"ok: N records, head HASH" (and the checkpoints it matched), or "broken at sequence N: what is wrong".</summary>
    public override string ToString() => Ok
        ? string.Create(CultureInfo.InvariantCulture, $"ok: {Records} records, head {(HeadHash is { Length: > 0 } ? HeadHash : "(empty trail)")}; " +
                                                      $"{CheckpointsMatched} signed checkpoint{(CheckpointsMatched == 1 ? "" : "s")} matched")
        : string.Create(CultureInfo.InvariantCulture, $"broken at sequence {FirstBadSequence}: {Problem}");
}

/// <summary>
/// Recomputes the audit chain in sequence order, with constant memory, and checks it against every signed checkpoint
/// (those in the database, and one an auditor kept): ADR 0027. A record changed, missing, moved or inserted breaks the
/// chain where it is; a rewritten stretch with every hash recomputed no longer matches the signed head of the first
/// checkpoint after it, and a checkpoint made to match needs the signing key.
/// </summary>
/// <remarks>
/// Fast (issue 16, ADR 0037): each record holds its predecessor's hash, so a stretch of the trail can be checked without
/// the records before it. A long trail is cut into one stretch a processor, each read on its own connection with a plain
/// reader (on SQLite straight from the engine's UTF-8 text) and hashed from a reused buffer; the stretches' findings are
/// then taken in sequence order, so that the break reported is the first one, with the same words, as record by record.
/// </remarks>
public static class AuditVerifier
{
    /// <summary>Below this many records a trail is read in one stretch on the context's own connection.</summary>
    private const long RecordsWorthSeveralStretches = 100_000;

    private const string ContentChanged = "content changed: what the record holds no longer gives its hash.";
    private const string Reordered = "records reordered: the record does not follow the one before it (records were moved, removed or inserted).";

    public static Task<AuditVerification> VerifyAsync(CafDbContext db, AuditSigningKey? key, AuditCheckpointFile? kept, CancellationToken ct) =>
        VerifyAsync(db, key, kept, null, ct);

    /// <param name="stretches">How many stretches to cut the trail into (tests); by default one a processor for a long trail.</param>
    internal static async Task<AuditVerification> VerifyAsync(CafDbContext db, AuditSigningKey? key, AuditCheckpointFile? kept, int? stretches,
        CancellationToken ct)
    {
        var checkpoints = (await db.AuditCheckpoints.AsNoTracking().ToListAsync(ct)).Select(AuditCheckpointFile.Of).ToList();
        if (kept is not null) checkpoints.Add(kept);
        checkpoints = [.. checkpoints.OrderBy(c => c.Sequence).ThenBy(c => c.SignedAtUtc, StringComparer.Ordinal)];
        foreach (var checkpoint in checkpoints)
        {
            var named = Name(checkpoint, kept);
            if (key is null)
                return new(0, null, 0, checkpoint.Sequence, $"{named} cannot be checked: no signing key is configured (Audit:SigningKeyPath).");
            if (checkpoint.KeyId != key.KeyId)
                return new(0, null, 0, checkpoint.Sequence, $"{named} was signed with the key {checkpoint.KeyId}, not with the key {key.KeyId} given to check it.");
            if (!checkpoint.IsSignedBy(key))
                return new(0, null, 0, checkpoint.Sequence, $"{named} has an invalid signature: its sequence, head or time were changed after it was signed.");
        }

        var first = await db.AuditEvents.MinAsync(e => (long?)e.Sequence, ct);
        var last = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, ct);
        var connection = db.Database.GetDbConnection();
        var open = OpenerOf(connection);
        var count = first is null || open is null ? 1
            : stretches ?? (last - first + 1 >= RecordsWorthSeveralStretches ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1);
        var bounds = Bounds(first ?? 0, last ?? 0, count);
        var atCheckpoints = checkpoints.Select(c => c.Sequence).ToHashSet();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        List<Task<Stretch>> reads;
        if (count == 1)
        {
            await db.Database.OpenConnectionAsync(ct);
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            reads = [Task.Run(() => Check(connection, transaction, bounds[0], atCheckpoints, stop.Token), stop.Token)];
        }
        else
            reads = [.. bounds.Select(b => Task.Run(() =>
            {
                using var own = open!();
                own.Open();
                return Check(own, null, b, atCheckpoints, stop.Token);
            }, stop.Token))];
        try
        {
            var chain = new Chain(checkpoints, kept);
            foreach (var read in reads)
                if (chain.Take(await read) is { } broken) return broken;
            return chain.End();
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(reads);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // A later stretch stopped because an earlier one had already decided, or the whole check failed: said above.
            }
            if (count == 1) await db.Database.CloseConnectionAsync();
        }
    }

    private static string Name(AuditCheckpointFile checkpoint, AuditCheckpointFile? kept) =>
        string.Create(CultureInfo.InvariantCulture,
            $"the {(ReferenceEquals(checkpoint, kept) ? "kept " : "")}checkpoint signed at {checkpoint.SignedAtUtc} for sequence {checkpoint.Sequence}");

    private static string Missing(long expected, long next) =>
        $"record missing: there is no record {expected.ToString(CultureInfo.InvariantCulture)}; the next is {next.ToString(CultureInfo.InvariantCulture)}.";

    /// <summary>A second connection to the same database, or null when there can be none (an in-memory SQLite database).</summary>
    private static Func<DbConnection>? OpenerOf(DbConnection connection) => connection switch
    {
        SqliteConnection sqlite => new SqliteConnectionStringBuilder(sqlite.ConnectionString) is { Mode: not SqliteOpenMode.Memory } builder
                                   && builder.DataSource is { Length: > 0 } and not ":memory:"
            ? () => new SqliteConnection(sqlite.ConnectionString)
            : null,
        ICloneable cloneable => () => (DbConnection)cloneable.Clone(),
        _ => null,
    };

    /// <summary>The sequence numbers after which each stretch starts and up to which it goes; the first and last are open.</summary>
    private static List<(long? After, long? UpTo)> Bounds(long first, long last, int count)
    {
        var cuts = Enumerable.Range(1, count - 1).Select(i => (long?)(first - 1 + (last - first + 1) * i / count)).ToList();
        return [.. Enumerable.Range(0, count).Select(i => (i == 0 ? null : cuts[i - 1], i == count - 1 ? null : cuts[i]))];
    }

    /// <summary>What one stretch found: its first record (whose place only the stretch before can confirm), the records checkpoints name, and its first break.</summary>
    private sealed class Stretch
    {
        public FirstRecord? First { get; set; }
        public List<Passed> AtCheckpoints { get; } = [];
        public Break? Break { get; set; }
        public long LastSequence { get; set; }
        public string LastHash { get; set; } = "";
    }

    private sealed record FirstRecord(long Sequence, bool ContentOk, string PreviousHash, string? Personal);

    private sealed record Passed(long Sequence, string Hash, string PreviousHash);

    private sealed record Break(long Expected, string Previous, string Problem);

    /// <summary>The check record by record, taken a stretch at a time in sequence order: the same findings, in the same words.</summary>
    private sealed class Chain(List<AuditCheckpointFile> checkpoints, AuditCheckpointFile? kept)
    {
        private long _expected = 1;
        private string _previous = AuditChain.Genesis;
        private long _trusted;
        private int _matched;
        private int _next;

        public AuditVerification? Take(Stretch stretch)
        {
            if (stretch.First is not { } first) return null;
            if (first.Sequence != _expected) return Broken(Missing(_expected, first.Sequence));
            if (!first.ContentOk) return Broken(ContentChanged);
            if (first.PreviousHash != _previous) return Broken(Reordered);
            if (first.Personal is { } personal) return Broken(personal);
            foreach (var record in stretch.AtCheckpoints)
                for (; _next < checkpoints.Count && checkpoints[_next].Sequence == record.Sequence; _next++)
                {
                    if (checkpoints[_next].HeadHash != record.Hash)
                        return new(record.Sequence - 1, record.PreviousHash, _matched, _trusted + 1,
                            $"the chain no longer matches {Name(checkpoints[_next], kept)}: the records after {_trusted.ToString(CultureInfo.InvariantCulture)} " +
                            $"up to {record.Sequence.ToString(CultureInfo.InvariantCulture)} were rewritten.");
                    _trusted = record.Sequence;
                    _matched++;
                }
            if (stretch.Break is { } broken) return new(broken.Expected - 1, broken.Previous, _matched, broken.Expected, broken.Problem);
            (_expected, _previous) = (stretch.LastSequence + 1, stretch.LastHash);
            return null;
        }

        public AuditVerification End() => _next < checkpoints.Count
            ? new(_expected - 1, _previous, _matched, _expected,
                $"records missing at the end: {Name(checkpoints[_next], kept)} covers {checkpoints[_next].Sequence.ToString(CultureInfo.InvariantCulture)} records, " +
                $"the trail has {(_expected - 1).ToString(CultureInfo.InvariantCulture)}.")
            : new(_expected - 1, _previous, _matched, null, null);

        private AuditVerification Broken(string problem) => new(_expected - 1, _previous, _matched, _expected, problem);
    }

    /// <summary>
    /// Reads and checks one stretch in sequence order, each record against the one before it, up to its first break; its
    /// first record is left to <see cref="Chain"/>, which knows the stretch before.
    /// </summary>
    private static Stretch Check(DbConnection connection, DbTransaction? transaction, (long? After, long? UpTo) bounds, HashSet<long> atCheckpoints,
        CancellationToken ct)
    {
        var stretch = new Stretch();
        var row = new Row();
        var previous = new ArrayBufferWriter<byte>(64);
        long expected = 0, read = 0;
        using var rows = Rows.Open(connection, transaction, bounds);
        while (rows.Next(row))
        {
            if (++read % 1024 == 0) ct.ThrowIfCancellationRequested();
            var contentOk = row.Canonical.HashIs(row.Hash);
            var personal = row.PersonalValues is null ? null : AuditPersonalData.Problem(row.Details(), row.PersonalValues);
            if (stretch.First is null)
            {
                stretch.First = new(row.Sequence, contentOk, Encoding.UTF8.GetString(row.PreviousHash), personal);
                if (!contentOk || personal is not null) return stretch;
            }
            else if ((row.Sequence != expected ? Missing(expected, row.Sequence)
                         : !contentOk ? ContentChanged
                         : !row.PreviousHash.SequenceEqual(previous.WrittenSpan) ? Reordered
                         : personal) is { } problem)
            {
                stretch.Break = new(expected, Encoding.UTF8.GetString(previous.WrittenSpan), problem);
                return stretch;
            }
            if (atCheckpoints.Contains(row.Sequence))
                stretch.AtCheckpoints.Add(new(row.Sequence, Encoding.UTF8.GetString(row.Hash), Encoding.UTF8.GetString(row.PreviousHash)));
            previous.ResetWrittenCount();
            previous.Write(row.Hash);
            expected = row.Sequence + 1;
        }
        (stretch.LastSequence, stretch.LastHash) = (expected - 1, Encoding.UTF8.GetString(previous.WrittenSpan));
        return stretch;
    }

    /// <summary>One record as verification needs it: its canonical bytes (the previous hash last), its stored hash, and its personal values.</summary>
    private sealed class Row
    {
        private readonly ArrayBufferWriter<byte> _hash = new(64);
        private int _detailsStart = -1, _detailsLength;

        public AuditCanonicalWriter Canonical { get; } = new();
        public long Sequence { get; set; }
        public string? PersonalValues { get; set; }
        public ReadOnlySpan<byte> Hash => _hash.WrittenSpan;
        public ReadOnlySpan<byte> PreviousHash => Canonical.Bytes[Canonical.LastFieldStart..];

        public void SetHash(ReadOnlySpan<byte> utf8)
        {
            _hash.ResetWrittenCount();
            _hash.Write(utf8);
        }

        public void SetHash(string text)
        {
            _hash.ResetWrittenCount();
            _hash.Advance(Encoding.UTF8.GetBytes(text, _hash.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
        }

        /// <summary>The details field is the one just written (null when the column is null).</summary>
        public void DetailsWritten(bool isNull) =>
            (_detailsStart, _detailsLength) = isNull ? (-1, 0) : (Canonical.LastFieldStart, Canonical.Bytes.Length - Canonical.LastFieldStart);

        public string? Details() => _detailsStart < 0 ? null : Encoding.UTF8.GetString(Canonical.Bytes.Slice(_detailsStart, _detailsLength));
    }

    /// <summary>The records of a stretch, in sequence order.</summary>
    private abstract class Rows : IDisposable
    {
        private const string Columns = """
            "Sequence", "Id", "OccurredAtUtc", "UserId", "UserName", "Action", "EntityType", "EntityId", "Details", "IpAddress", "CorrelationId", "PreviousHash", "Hash", "PersonalValues"
            """;

        public static Rows Open(DbConnection connection, DbTransaction? transaction, (long? After, long? UpTo) bounds)
        {
            if (connection is SqliteConnection sqlite && SqliteRows.Fits(sqlite, transaction)) return new SqliteRows(sqlite, (SqliteTransaction?)transaction, bounds);
            return new ReaderRows(connection, transaction, bounds);
        }

        public abstract bool Next(Row row);

        public abstract void Dispose();

        protected static string Select(string extraColumns, string after, string upTo, (long? After, long? UpTo) bounds) =>
            $"""SELECT {Columns}{extraColumns} FROM "AuditEvents" """ +
            (bounds switch
            {
                (null, null) => "",
                (_, null) => $"""WHERE "Sequence" > {after} """,
                (null, _) => $"""WHERE "Sequence" <= {upTo} """,
                _ => $"""WHERE "Sequence" > {after} AND "Sequence" <= {upTo} """,
            }) + """ORDER BY "Sequence" """;

        /// <summary>A record from a data reader's typed values, as EF Core reads them.</summary>
        protected static void Fill(Row row, DbDataReader reader)
        {
            var canonical = row.Canonical;
            canonical.Start();
            row.Sequence = reader.GetInt64(0);
            canonical.Sequence(row.Sequence);
            canonical.Id(reader.GetGuid(1));
            canonical.Time(reader.GetDateTime(2));
            canonical.Text(Text(reader, 3));
            canonical.Text(reader.GetString(4));
            canonical.Text(reader.GetString(5));
            canonical.Text(Text(reader, 6));
            canonical.Text(Text(reader, 7));
            var details = Text(reader, 8);
            canonical.Text(details);
            row.DetailsWritten(details is null);
            canonical.Text(Text(reader, 9));
            canonical.Text(Text(reader, 10));
            canonical.Text(reader.GetString(11));
            row.SetHash(reader.GetString(12));
            row.PersonalValues = Text(reader, 13);
        }

        private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        /// <summary>Any provider: a data reader, ordinal reads in column order.</summary>
        private sealed class ReaderRows : Rows
        {
            private readonly DbCommand _command;
            private readonly DbDataReader _reader;
            private bool _done;

            public ReaderRows(DbConnection connection, DbTransaction? transaction, (long? After, long? UpTo) bounds)
            {
                _command = connection.CreateCommand();
                _command.Transaction = transaction;
                _command.CommandText = Select("", "@after", "@upTo", bounds);
                foreach (var (name, value) in new[] { ("@after", bounds.After), ("@upTo", bounds.UpTo) })
                {
                    if (value is null) continue;
                    var parameter = _command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value.Value;
                    _command.Parameters.Add(parameter);
                }
                _reader = _command.ExecuteReader(CommandBehavior.SequentialAccess);
            }

            public override bool Next(Row row)
            {
                if (!_reader.Read()) return !(_done = true);
                Fill(row, _reader);
                return true;
            }

            public override void Dispose()
            {
                // Stopped at a break: the server need not send the rest.
                if (!_done)
                    try
                    {
                        _command.Cancel();
                    }
                    catch (DbException)
                    {
                    }
                try
                {
                    _reader.Dispose();
                }
                catch (DbException) when (!_done)
                {
                    // The cancelled statement's error, of no interest once stopped.
                }
                _command.Dispose();
            }
        }

        /// <summary>
        /// SQLite: the engine's own statement, each text read as the UTF-8 it stores (no string made, no re-encoding). A
        /// record stored in any other shape than the app writes (a value of another type, text that is not valid UTF-8, an
        /// id or a time in another form) is read again through the data reader, as EF Core reads it.
        /// </summary>
        private sealed class SqliteRows : Rows
        {
            private readonly SqliteConnection _connection;
            private readonly SqliteCommand _again;
            private readonly sqlite3_stmt _statement;

            public static bool Fits(SqliteConnection connection, DbTransaction? transaction)
            {
                using var command = connection.CreateCommand();
                command.Transaction = (SqliteTransaction?)transaction;
                command.CommandText = "PRAGMA encoding";
                return command.ExecuteScalar() as string == "UTF-8";
            }

            public SqliteRows(SqliteConnection connection, SqliteTransaction? transaction, (long? After, long? UpTo) bounds)
            {
                _connection = connection;
                _again = connection.CreateCommand();
                _again.Transaction = transaction;
                _again.CommandText = Select("", "", "", (null, null)).Replace("ORDER BY \"Sequence\" ", "WHERE rowid = $rowid", StringComparison.Ordinal);
                _again.Parameters.Add("$rowid", SqliteType.Integer);
                var rc = raw.sqlite3_prepare_v2(connection.Handle, Select(", rowid", "?1", "?2", bounds), out _statement);
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
                if (bounds.After is { } after) raw.sqlite3_bind_int64(_statement, 1, after);
                if (bounds.UpTo is { } upTo) raw.sqlite3_bind_int64(_statement, 2, upTo);
            }

            public override bool Next(Row row)
            {
                var rc = raw.sqlite3_step(_statement);
                if (rc == raw.SQLITE_DONE) return false;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                if (!TryRead(row)) ReadAgain(row, raw.sqlite3_column_int64(_statement, 14));
                return true;
            }

            private bool TryRead(Row row)
            {
                var canonical = row.Canonical;
                canonical.Start();
                if (raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_INTEGER) return false;
                row.Sequence = raw.sqlite3_column_int64(_statement, 0);
                canonical.Sequence(row.Sequence);
                if (!Id(canonical) || !Time(canonical)) return false;
                for (var ordinal = 3; ordinal <= 11; ordinal++)
                {
                    if (!TryText(ordinal, out var text)) return false;
                    canonical.Utf8(text);
                    if (ordinal == 8) row.DetailsWritten(raw.sqlite3_column_type(_statement, 8) == raw.SQLITE_NULL);
                }
                if (!TryText(12, out var hash)) return false;
                row.SetHash(hash);
                if (raw.sqlite3_column_type(_statement, 13) == raw.SQLITE_NULL) row.PersonalValues = null;
                else if (TryText(13, out var personal)) row.PersonalValues = Encoding.UTF8.GetString(personal);
                else return false;
                return true;
            }

            /// <summary>Text as stored; null for a null in a column that allows it (written as nothing).</summary>
            private bool TryText(int ordinal, out ReadOnlySpan<byte> text)
            {
                text = default;
                var type = raw.sqlite3_column_type(_statement, ordinal);
                if (type == raw.SQLITE_NULL) return ordinal is not (4 or 5 or 11 or 12);
                if (type != raw.SQLITE_TEXT) return false;
                text = raw.sqlite3_column_blob(_statement, ordinal);
                return System.Text.Unicode.Utf8.IsValid(text);
            }

            /// <summary>An id as the app stores it (36 characters, 8-4-4-4-12 hex digits) in its lower-case form, as Guid.ToString() writes it.</summary>
            private bool Id(AuditCanonicalWriter canonical)
            {
                if (raw.sqlite3_column_type(_statement, 1) != raw.SQLITE_TEXT) return false;
                var text = raw.sqlite3_column_blob(_statement, 1);
                if (text.Length != 36) return false;
                Span<byte> lower = stackalloc byte[36];
                for (var i = 0; i < 36; i++)
                {
                    var c = text[i];
                    if (i is 8 or 13 or 18 or 23)
                    {
                        if (c != '-') return false;
                        lower[i] = c;
                    }
                    else if (char.IsAsciiHexDigit((char)c)) lower[i] = (byte)(c | 0x20);
                    else return false;
                }
                canonical.Utf8(lower);
                return true;
            }

            /// <summary>A time as EF Core stores it on SQLite, "yyyy-MM-dd HH:mm:ss" and up to seven digits of fraction.</summary>
            private bool Time(AuditCanonicalWriter canonical)
            {
                if (raw.sqlite3_column_type(_statement, 2) != raw.SQLITE_TEXT) return false;
                var text = raw.sqlite3_column_blob(_statement, 2);
                if (text.Length is < 19 or 20 or > 27 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
                    || (text.Length > 19 && text[19] != '.')) return false;
                if (!Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
                    || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second))
                    return false;
                var ticks = 0;
                if (text.Length > 19)
                {
                    if (!Number(text[20..], out ticks)) return false;
                    for (var i = text.Length - 20; i < 7; i++) ticks *= 10;
                }
                if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
                    return false;
                canonical.Time(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks));
                return true;
            }

            private static bool Number(ReadOnlySpan<byte> digits, out int value)
            {
                value = 0;
                foreach (var d in digits)
                {
                    if (d is < (byte)'0' or > (byte)'9') return false;
                    value = value * 10 + (d - '0');
                }
                return true;
            }

            private void ReadAgain(Row row, long rowid)
            {
                _again.Parameters[0].Value = rowid;
                using var reader = _again.ExecuteReader();
                if (!reader.Read()) throw new InvalidOperationException($"The audit record at rowid {rowid} vanished while it was verified.");
                Fill(row, reader);
            }

            public override void Dispose()
            {
                raw.sqlite3_finalize(_statement);
                _again.Dispose();
            }
        }
    }
}
