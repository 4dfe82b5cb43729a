using Caf.Data.Finance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Caf.Web.Features.Finance;

public sealed record ApiLedgerTotals(string Currency, int EntryCount, ApiMoney CashIn, ApiMoney CashOut, ApiMoney Balance, ApiMoney OpenCommitments);

/// <summary>The fund in its currency, every entry at the rate it was booked at (ADR 0022).</summary>
public sealed record ApiFundBalance(ApiMoney Cash, ApiMoney Committed, ApiMoney Available);

/// <summary>
/// One entry: its effects in its own currency, its amount in fund currency (negative for a reversal) with the rate,
/// rate date and source that made it, and the entries a reversal links it to.
/// </summary>
public sealed record ApiLedgerEntry(Guid Id, DateOnly ValueDate, string Kind, string? Grant, string Description, string? BankReference,
    ApiMoney CashIn, ApiMoney CashOut, ApiMoney CommitmentChange, ApiMoney FundAmount, string Rate, DateOnly RateDate, string RateSource,
    Guid? ReversesEntryId, Guid? ReversedByEntryId);

/// <summary>
/// The fund ledger; <c>Totals</c> has one line per currency (the fund's first), never a sum across currencies, and
/// <c>ExchangeDifferences</c> the exchange differences apart, in fund currency.
/// </summary>
public sealed record ApiLedger(DateOnly AsOf, string Currency, string Note, int EntryCount, ApiFundBalance Fund, IReadOnlyList<ApiLedgerTotals> Totals,
    ApiLedgerTotals ExchangeDifferences, IReadOnlyList<ApiLedgerEntry> Entries);

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
        var fund = await ledger.FundBalanceAsync(totals.AsOf, ct);
        var entries = rows.Select(r => new ApiLedgerEntry(r.Id, r.ValueDate, r.Kind.ToString(), r.Grant, r.Description, r.BankReference,
            ApiMoney.From(r.CashIn, r.Currency), ApiMoney.From(r.CashOut, r.Currency), ApiMoney.From(r.CommitmentChange, r.Currency),
            ApiMoney.From(r.FundAmount), ExchangeRate.Format(r.Rate), r.RateDate, r.RateSource, r.Reverses?.Id, r.ReversedBy?.Id)).ToList();
        var currency = totals.PerCurrency[0].Currency;
        return TypedResults.Ok(new ApiLedger(totals.AsOf, currency, LedgerTotals.Note(currency), totals.EntryCount,
            new ApiFundBalance(ApiMoney.From(fund.Cash), ApiMoney.From(fund.Committed), ApiMoney.From(fund.Available)),
            totals.PerCurrency.Select(Totals).ToList(), Totals(totals.ExchangeDifferences), entries));
    }

    private static ApiLedgerTotals Totals(CurrencyTotals t) =>
        new(t.Currency, t.EntryCount, ApiMoney.From(t.CashIn), ApiMoney.From(t.CashOut), ApiMoney.From(t.Balance), ApiMoney.From(t.OpenCommitments));
}
