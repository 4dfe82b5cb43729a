using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Caf.Data.Auditing;

/// <summary>
/// The lock that serializes the numbering of audit records: held from just before a unit of work reads the end of the
/// chain until its transaction ends, so the next one reads the chain with these records on it. Numbering
/// optimistically and retrying on a clash turned into a retry storm under load (issue 10, item 23).
/// </summary>
internal static class AuditChainLock
{
    // One lock for the whole chain: 0x43414641554449 ("CAFAUDI" in ASCII), a number no other lock of ours uses.
    private const string Postgres = "SELECT pg_advisory_xact_lock(18930593439237193)";

    // sp_getapplock reports a timeout or a deadlock by its return value, not by an error: turn those into one.
    private const string SqlServer = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = N'caf-audit-chain', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @result < 0 THROW 51000, 'The audit trail is busy: the change was not saved. Please try again.', 1;
        """;

    /// <summary>SQLite allows one writer at a time, which serializes the numbering already.</summary>
    public static bool NotNeeded(DatabaseFacade database) => !database.IsNpgsql() && !database.IsSqlServer();

    public static async Task TakeAsync(DatabaseFacade database, CancellationToken ct)
    {
        if (NotNeeded(database)) return;
        if (database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit records are numbered inside a transaction; CafDbContext opens one for its saves.");
        await database.ExecuteSqlRawAsync(database.IsNpgsql() ? Postgres : SqlServer, ct);
    }
}
