using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Caf.Data;

/// <summary>
/// Whether a failure means the database cannot be reached now (stopped, restarting, refusing connections, out of
/// connections) rather than a fault in what was asked of it: the first is answered 503 "try again in a minute", the
/// second stays a 500 (ADR 0039).
/// </summary>
public static class DatabaseOutage
{
    public static bool IsUnreachable(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // 08: connection exception; 57P01-03: the server is shutting down or starting; 53300: no free connection.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                // Npgsql's own errors (not the server's) are about the connection: refused, broken, timed out, pool exhausted.
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode == 14; // SQLITE_CANTOPEN: the file or its folder is gone or unreadable.
                case SqlException sql:
                    return sql.Number is -2 or 2 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40613;
                case RetryLimitExceededException:
                    return true;
                case SocketException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsUnreachable);
            }
        }
        return false;
    }
}
