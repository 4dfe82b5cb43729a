using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Caf.Web.Seeding;

/// <summary>
/// The few SQL phrases a bulk insert over a number series needs, as SQLite and PostgreSQL write them: a deterministic id of
/// row <c>n.i</c>, an instant before a fixed one, a date, a series. Used by the scale data set (<see cref="ScaleSeeder"/>)
/// and the large-list tests, which insert tens of thousands of rows in seconds this way.
/// </summary>
internal abstract class ScaleSql
{
    /// <summary>The instant every generated time is counted back from, so that every run makes the same rows.</summary>
    public static readonly DateTime Origin = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The dialect of the database, or null for one the scale data set does not support (SQL Server).</summary>
    public static ScaleSql? For(DatabaseFacade database) =>
        database.ProviderName switch
        {
            { } name when name.Contains("Npgsql", StringComparison.Ordinal) => new PostgresScaleSql(),
            { } name when name.Contains("Sqlite", StringComparison.Ordinal) => new SqliteScaleSql(),
            _ => null,
        };

    /// <summary>A deterministic Guid of row <paramref name="index"/> (an SQL expression) of one table; <paramref name="table"/> keeps the tables' ids apart.</summary>
    public abstract string Id(int table, string index = "n.i");

    /// <summary>The id <see cref="Id"/> gives row <paramref name="index"/> of <paramref name="table"/>, in C#.</summary>
    public static Guid IdOf(int table, long index) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"{table:D8}-0000-4000-8000-{index:D12}"));

    /// <summary>An instant <paramref name="seconds"/> (an SQL expression) before <see cref="Origin"/>.</summary>
    public abstract string SecondsBefore(string seconds);

    /// <summary>The date <paramref name="days"/> (an SQL expression) after 1 January 2026.</summary>
    public abstract string DaysAfter2026(string days);

    public abstract string GuidLiteral(Guid value);

    /// <summary>A binary value from its hexadecimal digits.</summary>
    public abstract string Bytes(string hex);

    /// <summary>INSERT INTO table (columns) SELECT selection FROM the series n(i) = 1..count [join] [WHERE where].</summary>
    public abstract string InsertOverSeries(string table, string columns, string selection, int count, string? where = null, string join = "");

    /// <summary>Whatever the database needs after a bulk insert for its planner to choose well.</summary>
    public abstract string? Analyze { get; }
}

internal sealed class SqliteScaleSql : ScaleSql
{
    public override string Id(int table, string index = "n.i") => $"printf('{table:D8}-0000-4000-8000-%012d', {index})";
    public override string SecondsBefore(string seconds) => $"strftime('%Y-%m-%d %H:%M:%S', '2026-11-30 12:00:00', '-' || ({seconds}) || ' seconds')";
    public override string DaysAfter2026(string days) => $"date('2026-01-01', '+' || ({days}) || ' days')";
    public override string GuidLiteral(Guid value) => $"'{value.ToString().ToUpperInvariant()}'";
    public override string Bytes(string hex) => $"X'{hex}'";
    public override string InsertOverSeries(string table, string columns, string selection, int count, string? where = null, string join = "") =>
        $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) " +
        $"INSERT INTO \"{table}\" ({columns}) SELECT {selection} FROM n {join}{(where is null ? "" : " WHERE " + where)}";
    // SQLite keeps no planner statistics unless asked, in tests as in use.
    public override string? Analyze => null;
}

internal sealed class PostgresScaleSql : ScaleSql
{
    public override string Id(int table, string index = "n.i") => $"('{table:D8}-0000-4000-8000-' || lpad(({index})::text, 12, '0'))::uuid";
    public override string SecondsBefore(string seconds) => $"(timestamptz '2026-11-30 12:00:00+00' - ({seconds}) * interval '1 second')";
    public override string DaysAfter2026(string days) => $"(date '2026-01-01' + ({days}))";
    public override string GuidLiteral(Guid value) => $"'{value}'::uuid";
    public override string Bytes(string hex) => $"decode('{hex}', 'hex')";
    public override string InsertOverSeries(string table, string columns, string selection, int count, string? where = null, string join = "") =>
        $"INSERT INTO \"{table}\" ({columns}) SELECT {selection} FROM generate_series(1, {count}) AS n(i) {join}{(where is null ? "" : " WHERE " + where)}";
    // Rows bulk-inserted a second ago have no statistics; without them PostgreSQL joins 20,000 tasks to their applications
    // the slow way (3 s a query, 2 December 2026). A database in use has them from autovacuum.
    public override string? Analyze => "ANALYZE";
}
