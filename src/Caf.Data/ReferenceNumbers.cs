using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data;

/// <summary>
/// Application numbers per year, unique, consecutive and without gaps however many submit at the same second. The next
/// number is taken by one atomic UPDATE … RETURNING inside the submitting action's transaction: the counter row stays
/// locked until that transaction ends, so a second submission waits for it, and a rolled-back one gives its number back.
/// </summary>
public static partial class ReferenceNumbers
{
    public static async Task<int> NextAsync(CafDbContext db, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A reference number is taken inside the transaction of the action that submits.");
        var provider = db.Database.ProviderName ?? "";
        string ensure, increment;
        if (provider.Contains("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            ensure = "IF NOT EXISTS (SELECT 1 FROM [ReferenceCounters] WITH (UPDLOCK, HOLDLOCK) WHERE [Year] = {0}) " +
                     "INSERT INTO [ReferenceCounters] ([Year], [LastNumber]) VALUES ({0}, 0)";
            increment = "UPDATE [ReferenceCounters] SET [LastNumber] = [LastNumber] + 1 OUTPUT inserted.[LastNumber] AS [Value] WHERE [Year] = {0}";
        }
        else
        {
            ensure = "INSERT INTO \"ReferenceCounters\" (\"Year\", \"LastNumber\") VALUES ({0}, 0) ON CONFLICT (\"Year\") DO NOTHING";
            increment = "UPDATE \"ReferenceCounters\" SET \"LastNumber\" = \"LastNumber\" + 1 WHERE \"Year\" = {0} RETURNING \"LastNumber\" AS \"Value\"";
        }
        await db.Database.ExecuteSqlRawAsync(ensure, [year], ct);
        var numbers = await db.Database.SqlQueryRaw<int>(increment, year).ToListAsync(ct);
        return numbers.Single();
    }

    public static string Format(int year, int number) => $"CAF-{year}-{number:000}";

    /// <summary>
    /// The grant references <paramref name="text"/> names as whole tokens, whatever the capitals, upper case: as <see cref="Format"/>
    /// writes them (CAF-2026-001, CAF-2026-1234), not CAF-2026-0012, which no grant has.
    /// </summary>
    public static IEnumerable<string> FoundIn(string? text) =>
        text is null ? [] : GrantReference().Matches(text).Select(m => m.Value.ToUpperInvariant());

    /// <summary><paramref name="text"/> with every grant reference it names blanked out, so that nothing is found inside one.</summary>
    public static string? WithoutGrantReferences(string? text) => text is null ? null : GrantReference().Replace(text, m => new string(' ', m.Length));

    [GeneratedRegex(@"(?<![\p{L}\p{N}])CAF-[0-9]{4}-(?:[0-9]{3}|[1-9][0-9]{3,})(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex GrantReference();
}
