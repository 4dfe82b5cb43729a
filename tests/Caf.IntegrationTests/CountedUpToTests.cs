using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Long lists count their rows only up to a limit (ADR 0042): exactly up to it, "more than" it beyond, and never less than
/// the page asked for — against a real table, at the limit's edges.
/// </summary>
public abstract class CountedUpToTests(CafAppFactory factory)
{
    [Fact]
    public async Task A_list_counts_exactly_up_to_its_limit_says_more_beyond_it_and_always_reaches_the_page_asked_for()
    {
        await factory.ResetAsync();
        await factory.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var states = db.StateParties.AsNoTracking().OrderBy(s => s.IsoCode).ThenBy(s => s.Id);
            var all = await states.CountAsync(ct);
            Assert.True(all > 8, $"the seeded States Parties ({all}) are the table this test counts");

            Assert.Equal(new RowCount(all, false), await states.CountUpToAsync(all, ct));
            Assert.Equal(new RowCount(all, false), await states.CountUpToAsync(all + 1, ct));
            Assert.Equal(new RowCount(all - 1, true), await states.CountUpToAsync(all - 1, ct));
            Assert.Equal(new RowCount(0, false), await states.Where(s => s.IsoCode == "none such").CountUpToAsync(10, ct));

            // Counted up to 4 rows, 2 a page: page 1 says "more than 4", and so does a page beyond the limit, which is
            // counted up to its own last row; past the last row there is, the last page with rows is shown, exactly.
            var (first, firstPage) = await states.ToCountedUpToPageAsync(1, ct, size: 2, countedUpTo: 4);
            Assert.Equal((1, 4, true, 2, 2), (firstPage.Number, firstPage.Total, firstPage.More, firstPage.Pages, first.Count));
            var (fourth, fourthPage) = await states.ToCountedUpToPageAsync(4, ct, size: 2, countedUpTo: 4);
            Assert.Equal((4, 8, true), (fourthPage.Number, fourthPage.Total, fourthPage.More));
            Assert.Equal((await states.Skip(6).Take(2).ToListAsync(ct)).Select(s => s.Id), fourth.Select(s => s.Id));
            var (last, lastPage) = await states.ToCountedUpToPageAsync(int.MaxValue, ct, size: 2, countedUpTo: 4);
            Assert.Equal((all, false, (all + 1) / 2), (lastPage.Total, lastPage.More, lastPage.Number));
            Assert.Equal(all - (lastPage.Number - 1) * 2, last.Count);
            var (exact, exactPage) = await states.ToCountedUpToPageAsync(1, ct, size: 2, countedUpTo: all);
            Assert.Equal((all, false, 2), (exactPage.Total, exactPage.More, exact.Count));
            return 0;
        });
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteCountedUpToTests(SqliteAppFactory factory) : CountedUpToTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresCountedUpToTests(PostgresAppFactory factory) : CountedUpToTests(factory);
