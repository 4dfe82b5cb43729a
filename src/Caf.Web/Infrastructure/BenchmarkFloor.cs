using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Caf.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Infrastructure;

/// <summary>
/// The floor the load benchmark measures pages against (eng/load.sh, issue 16): the rows of the applications list's first
/// page — reference, title, state, stage, submission time and how many there are — read with one raw SQL query and
/// written as a bare HTML table, behind the same sign-in. Only in Development with Benchmark:Floor=true: it is a yardstick,
/// not a page.
/// </summary>
internal static class BenchmarkFloor
{
    public const string Path = "/bench/floor/applications";

    // The list's first page as an ISU officer sees it: every submitted application, newest first, 50 rows, and how many
    // there are counted up to 1,000 as the list counts them (ADR 0042) — in the list's own order, so that the database
    // reads it from the same index (IX_Applications_Submitted, ADR 0043).
    private const string Query = """
        SELECT a."Reference", a."Title", s."Name", a."Stage", a."SubmittedAtUtc",
            (SELECT COUNT(*) FROM (SELECT 1 FROM "Applications" c WHERE c."SubmittedAtUtc" IS NOT NULL LIMIT 1001) AS counted)
        FROM "Applications" a
        JOIN "StateParties" s ON s."Id" = a."ApplicantStateId"
        WHERE a."SubmittedAtUtc" IS NOT NULL
        ORDER BY a."SubmittedAtUtc" DESC, a."CreatedAtUtc" DESC, a."Id"
        LIMIT 50
        """;

    public static void MapIfAsked(WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue("Benchmark:Floor", false)) return;
        app.MapGet(Path, WriteAsync).RequireAuthorization(new AuthorizeAttribute { Roles = CafRoles.IsuOfficer });
    }

    private static async Task<IResult> WriteAsync(CafDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = Query;
            await using var reader = await command.ExecuteReaderAsync(ct);
            var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><title>Floor</title><table>");
            long total = 0;
            while (await reader.ReadAsync(ct))
            {
                total = reader.GetInt64(5);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(reader, 0)}</td><td>{Encode(reader, 1)}</td><td>{Encode(reader, 2)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Encode(reader, 3)}</td><td>{(reader.IsDBNull(4) ? "" : reader.GetDateTime(4).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</td></tr>");
            }
            html.Append(CultureInfo.InvariantCulture, $"</table><p>{total} applications</p></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Encode(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? "" : WebUtility.HtmlEncode(reader.GetString(ordinal));
}
