using System.Net.Sockets;
using Caf.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caf.UnitTests;

/// <summary>Which failures are a database that cannot be reached (503, try again) and which are faults (500); ADR 0039.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public void A_refused_or_ended_connection_is_an_outage_wherever_it_is_wrapped()
    {
        Assert.True(DatabaseOutage.IsUnreachable(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException(111))));
        Assert.True(DatabaseOutage.IsUnreachable(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseOutage.IsUnreachable(new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")));
        Assert.True(DatabaseOutage.IsUnreachable(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new PostgresException("connection failure", "FATAL", "FATAL", "08006"))));
        Assert.True(DatabaseOutage.IsUnreachable(new DbUpdateException("save failed", new NpgsqlException("Exception while reading from stream"))));
        Assert.True(DatabaseOutage.IsUnreachable(new SqliteException("unable to open database file", 14)));
    }

    [Fact]
    public void A_fault_in_what_was_asked_is_not_an_outage()
    {
        Assert.False(DatabaseOutage.IsUnreachable(new PostgresException("duplicate key value", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseOutage.IsUnreachable(new DbUpdateException("save failed", new PostgresException("syntax error", "ERROR", "ERROR", "42601"))));
        Assert.False(DatabaseOutage.IsUnreachable(new SqliteException("constraint failed", 19)));
        Assert.False(DatabaseOutage.IsUnreachable(new InvalidOperationException("Sequence contains no elements")));
        Assert.False(DatabaseOutage.IsUnreachable(null));
    }
}
