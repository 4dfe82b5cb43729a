using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF sends while answering one HTTP request: a request carrying the <see cref="Header"/> is
/// counted, under the header's value, from the first middleware to the end of the response.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor, IStartupFilter
{
    public const string Header = "X-Test-Count-Sql";

    private static readonly AsyncLocal<Tally> Current = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private sealed class Tally
    {
        public int Count;
        public ConcurrentQueue<string> Texts { get; } = new();
    }

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _texts = new();

    /// <summary>How many commands the request sent under <paramref name="label"/> ran.</summary>
    public int CountOf(string label) => _counts.TryGetValue(label, out var count) ? count : throw new InvalidOperationException($"No request was counted as {label}.");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
        {
            if (context.Request.Headers[Header] is not [{ } label]) { await nextMiddleware(context); return; }
            var box = new Tally();
            Current.Value = box;
            try { await nextMiddleware(context); }
            finally
            {
                _counts[label] = box.Count;
                _texts[label] = [.. box.Texts];
            }
        });
        next(app);
    };

    /// <summary>The text of every command the request sent under <paramref name="label"/> ran, in order.</summary>
    public IReadOnlyList<string> TextsOf(string label) =>
        _texts.TryGetValue(label, out var texts) ? texts : throw new InvalidOperationException($"No request was counted as {label}.");

    private static void Count(DbCommand command)
    {
        if (Current.Value is not { } box) return;
        Interlocked.Increment(ref box.Count);
        box.Texts.Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Count(command); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    { Count(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Count(command); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Count(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Count(command); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    { Count(command); return ValueTask.FromResult(result); }
}
