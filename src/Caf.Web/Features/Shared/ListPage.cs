using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Shared;

/// <summary>Which page of a list is shown, out of how many rows in all. Lists page in SQL: one page of rows is read, and a count.</summary>
public sealed record ListPage(int Number, int Size, int Total)
{
    public const int DefaultSize = 50;

    /// <summary>The query-string key of the page number ("page" itself is taken by Razor Pages' routing).</summary>
    public const string Key = "p";

    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    public int FirstRow => Total == 0 ? 0 : (Number - 1) * Size + 1;
    public int LastRow => Math.Min(Number * Size, Total);

    /// <summary>The current address with another page number, every filter kept.</summary>
    public static string LinkTo(HttpRequest request, int number)
    {
        var query = request.Query.Where(q => q.Key != Key).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>(Key, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return request.Path + QueryString.Create(query);
    }
}

public static class ListPaging
{
    /// <summary>
    /// Counts the rows, then reads the one page asked for. A page number out of range (or none) shows the nearest page
    /// that exists: a list never fails for its page number.
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, ListPage Page)> ToListPageAsync<T>(this IQueryable<T> ordered, int? number,
        CancellationToken ct, int size = ListPage.DefaultSize) =>
        await ordered.ToListPageAsync(number, await ordered.CountAsync(ct), ct, size);

    /// <summary>The same, when the caller already counted the rows (with its totals, say).</summary>
    public static async Task<(IReadOnlyList<T> Rows, ListPage Page)> ToListPageAsync<T>(this IQueryable<T> ordered, int? number, int total,
        CancellationToken ct, int size = ListPage.DefaultSize)
    {
        var page = new ListPage(1, size, total);
        page = page with { Number = Math.Clamp(number ?? 1, 1, page.Pages) };
        var rows = await ordered.Skip((page.Number - 1) * size).Take(size).ToListAsync(ct);
        return (rows, page);
    }
}
