using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Caf.Data;

/// <summary>
/// A named lock held until the current transaction ends, for a read that decides a write (the end of the audit chain,
/// the fund's available balance): the next unit of work that takes it reads what this one wrote. SQLite allows one
/// writer at a time and starts our transactions as writers, which serializes them already.
/// </summary>
public sealed class TransactionLock
{
    private readonly long _postgresKey;
    private readonly string _sqlServerResource;
    private readonly string _busyKey;

    /// <param name="postgresKey">A number no other lock of ours uses (pg_advisory_xact_lock).</param>
    /// <param name="sqlServerResource">The resource name for sp_getapplock.</param>
    /// <param name="busyKey">The DomainText key of what a person is told when SQL Server gives up waiting (in their language).</param>
    public TransactionLock(long postgresKey, string sqlServerResource, string busyKey)
    {
        _postgresKey = postgresKey;
        _sqlServerResource = sqlServerResource;
        _busyKey = busyKey;
    }

    public static bool NotNeeded(DatabaseFacade database) => !database.IsNpgsql() && !database.IsSqlServer();

    public async Task TakeAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (NotNeeded(database)) return;
        if (database.CurrentTransaction is null)
            throw new InvalidOperationException("A transaction lock is taken inside a transaction; the use case opens one for its action.");
        // sp_getapplock reports a timeout or a deadlock by its return value, not by an error: turn those into one.
        var busyMessage = DomainText.Get(_busyKey).Replace("'", "''", StringComparison.Ordinal);
        await database.ExecuteSqlRawAsync(database.IsNpgsql()
            ? $"SELECT pg_advisory_xact_lock({_postgresKey})"
            : $"""
              DECLARE @result int;
              EXEC @result = sp_getapplock @Resource = N'{_sqlServerResource}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
              IF @result < 0 THROW 51000, N'{busyMessage}', 1;
              """, ct);
    }
}
