using Microsoft.AspNetCore.Http.HttpResults;

namespace Caf.Web.Features.Finance;

public sealed record ApiLedgerTotals(string Currency, int EntryCount, ApiMoney CashIn, ApiMoney CashOut, ApiMoney Balance, ApiMoney OpenCommitments);

public sealed record ApiLedgerEntry(DateOnly ValueDate, string Kind, string? Grant, string Description, string? BankReference,
    ApiMoney CashIn, ApiMoney CashOut, ApiMoney CommitmentChange);

/// <summary>The fund ledger; <c>Totals</c> has one line per currency (the fund's first), never a sum across currencies.</summary>
public sealed record ApiLedger(DateOnly AsOf, string Currency, string Note, int EntryCount, IReadOnlyList<ApiLedgerTotals> Totals,
    IReadOnlyList<ApiLedgerEntry> Entries);

/// <summary>GET /api/v1/ledger: the Fund ledger page's figures for a program (ApiRoutes).</summary>
internal static class LedgerEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        ApiRoutes.V1(app).MapGet("/ledger", ReadLedgerAsync).RequireAuthorization(ApiScopes.Policies.LedgerRead);

    private static async Task<Results<Ok<ApiLedger>, ValidationProblem>> ReadLedgerAsync(FundLedger ledger,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "asOf")] string? asOfText, CancellationToken ct)
    {
        // Read here rather than bound, so that a date that cannot be read answers problem details naming the field.
        if (!ApiRequest.TryReadDate(asOfText, out var asOf))
            return ApiRequest.Invalid("asOf", "Give the date as YYYY-MM-DD between 2000 and 2100, for example 2026-12-31.");
        var (rows, totals) = await ledger.ReadAsync(asOf, ct);
        var entries = rows.Select(r => new ApiLedgerEntry(r.ValueDate, r.Kind.ToString(), r.Grant, r.Description, r.BankReference,
            ApiMoney.From(r.CashIn, r.Currency), ApiMoney.From(r.CashOut, r.Currency), ApiMoney.From(r.CommitmentChange, r.Currency))).ToList();
        return TypedResults.Ok(new ApiLedger(totals.AsOf, totals.PerCurrency[0].Currency, LedgerTotals.PerCurrencyNote, totals.EntryCount,
            totals.PerCurrency.Select(t => new ApiLedgerTotals(t.Currency, t.EntryCount, ApiMoney.From(t.CashIn), ApiMoney.From(t.CashOut),
                ApiMoney.From(t.Balance), ApiMoney.From(t.OpenCommitments))).ToList(),
            entries));
    }
}
