using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Caf.Data.Auditing;

/// <summary>
/// The lock that serializes the numbering of audit records: held from just before a unit of work reads the end of the
/// chain until its transaction ends, so the next one reads the chain with these records on it. Numbering
/// optimistically and retrying on a clash turned into a retry storm under load (issue 10, item 23).
/// </summary>
internal static class AuditChainLock
{
    // 0x43414641554449 ("CAFAUDI" in ASCII).
    private static readonly TransactionLock Chain = new(18930593439237193, "caf-audit-chain", "Audit.Busy");

    public static bool NotNeeded(DatabaseFacade database) => TransactionLock.NotNeeded(database);

    public static Task TakeAsync(DatabaseFacade database, CancellationToken ct) => Chain.TakeAsync(database, ct);
}
