using Caf.Data;
using Caf.IntegrationTests.Infrastructure;
using Npgsql;

namespace Caf.IntegrationTests;

/// <summary>
/// A real deadlock on PostgreSQL is recognised as one, so that user actions answer "try again" instead of an error page.
/// </summary>
public sealed class DeadlockTests
{
    [Fact]
    public async Task A_deadlock_between_two_transactions_is_recognised_on_postgres()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();
        try
        {
            await using (var setup = new NpgsqlConnection(connectionString))
            {
                await setup.OpenAsync(ct);
                await new NpgsqlCommand("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0), (2, 0);", setup).ExecuteNonQueryAsync(ct);
            }
            await using var first = new NpgsqlConnection(connectionString);
            await using var second = new NpgsqlConnection(connectionString);
            await first.OpenAsync(ct);
            await second.OpenAsync(ct);
            await using var t1 = await first.BeginTransactionAsync(ct);
            await using var t2 = await second.BeginTransactionAsync(ct);
            await new NpgsqlCommand("UPDATE t SET v = 1 WHERE id = 1", first, t1).ExecuteNonQueryAsync(ct);
            await new NpgsqlCommand("UPDATE t SET v = 1 WHERE id = 2", second, t2).ExecuteNonQueryAsync(ct);

            // Each now waits for the row the other holds: the server ends one of them.
            var crossed = await Task.WhenAll(
                CaptureAsync(() => new NpgsqlCommand("UPDATE t SET v = 2 WHERE id = 2", first, t1).ExecuteNonQueryAsync(ct)),
                CaptureAsync(() => new NpgsqlCommand("UPDATE t SET v = 2 WHERE id = 1", second, t2).ExecuteNonQueryAsync(ct)));

            var victim = Assert.Single(crossed, e => e is not null);
            Assert.True(SaveConflicts.IsDeadlock(victim!), $"Not recognised as a deadlock: {victim}");
            Assert.True(SaveConflicts.IsDeadlock(new InvalidOperationException("wrapped", new Microsoft.EntityFrameworkCore.DbUpdateException("update", victim))));
            Assert.False(SaveConflicts.IsDeadlock(new InvalidOperationException("something else")));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabases.DropPostgresDatabaseAsync(connectionString);
        }
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex;
        }
    }
}
