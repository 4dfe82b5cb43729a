using Caf.Data;

namespace Caf.Web.Features.Rounds;

/// <summary>GET /api/v1/rounds (ApiRoutes).</summary>
internal static class RoundsEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        // The open calls for proposals are public, like the page that lists them; drafts and closed rounds are not listed.
        ApiRoutes.V1(app).MapGet("/rounds", async (CafDbContext db, TimeProvider clock, CancellationToken ct) =>
            (await OpenRounds.ListAsync(db, clock.GetUtcNow().UtcDateTime, ct)).Select(r => new
            {
                id = r.Id,
                title = r.Title,
                opensAt = r.OpensAtUtc,
                closesAt = r.ClosesAtUtc,
                description = r.Description,
                envelope = new { amount = r.Envelope.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = r.Envelope.Currency },
                ceiling = new { amount = r.Ceiling.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = r.Ceiling.Currency },
                maxDurationDays = r.MaxDurationDays,
                implementationStart = r.ImplementationStart,
                implementationEnd = r.ImplementationEnd,
                allowedCurrencies = r.AllowedCurrencies,
                finalReportDays = r.FinalReportDays,
                interimReportMonths = r.InterimReportMonths,
            })).AllowAnonymous();
}
