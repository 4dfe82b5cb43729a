using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Which page of a list is shown, out of how many rows in all. Lists page in SQL: one page of rows is read, and a count.
/// <paramref name="More"/>: the rows were counted only up to <paramref name="Total"/>, and there are more (a list that
/// counts up to a limit, <see cref="ListPaging.ToCountedUpToPageAsync"/>).
/// </summary>
public sealed record ListPage(int Number, int Size, int Total, bool More = false)
{
    public const int DefaultSize = 50;

    /// <summary>How many rows a long list counts at least before it says "more than" (20 pages of 50).</summary>
    public const int CountedUpTo = 1_000;

    /// <summary>The query-string key of the page number ("page" itself is taken by Razor Pages' routing).</summary>
    public const string Key = "p";

    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    public RowCount Rows => new(Total, More);
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

/// <summary>A number of rows counted up to a limit (<see cref="ListPaging.CountUpToAsync"/>): exact, or more than the limit.</summary>
public readonly record struct RowCount(int Count, bool More)
{
    /// <summary>The count as a reader reads it: "1,234", or "more than 1,000".</summary>
    public string Text(IStringLocalizer text) =>
        More ? text["Pager.MoreThan", Count.ToString("N0", CultureInfo.CurrentCulture)] : Count.ToString("N0", CultureInfo.CurrentCulture);
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

    /// <summary>
    /// The same for a list that may hold tens of thousands of rows: it counts them only up to
    /// <see cref="ListPage.CountedUpTo"/>, or to the page asked for and one more, and says "more than" beyond that —
    /// so that a page costs what it shows, however much history there is (issue 16, ADR 0042).
    /// </summary>
    public static Task<(IReadOnlyList<T> Rows, ListPage Page)> ToCountedUpToPageAsync<T>(this IQueryable<T> ordered, int? number,
        CancellationToken ct, int size = ListPage.DefaultSize, int countedUpTo = ListPage.CountedUpTo) =>
        ordered.ToCountedUpToPageAsync(ordered, number, ct, size, countedUpTo);

    /// <summary>
    /// The same, counting <paramref name="sameRows"/>: a cheaper query for exactly the rows of <paramref name="ordered"/>
    /// (without a join that cannot drop a row, say).
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, ListPage Page)> ToCountedUpToPageAsync<T, TCounted>(this IQueryable<T> ordered,
        IQueryable<TCounted> sameRows, int? number, CancellationToken ct, int size = ListPage.DefaultSize, int countedUpTo = ListPage.CountedUpTo)
    {
        var counted = await sameRows.CountUpToAsync(Math.Max(countedUpTo, Math.Clamp(number ?? 1, 1, int.MaxValue / size) * size), ct);
        var (rows, page) = await ordered.ToListPageAsync(number, counted.Count, ct, size);
        return (rows, page with { More = counted.More });
    }

    /// <summary>How many rows there are, counted up to <paramref name="limit"/>; and whether there are more than that.</summary>
    public static async Task<RowCount> CountUpToAsync<T>(this IQueryable<T> query, int limit, CancellationToken ct)
    {
        var count = await query.Take(limit + 1).CountAsync(ct);
        return count > limit ? new(limit, true) : new(count, false);
    }

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
