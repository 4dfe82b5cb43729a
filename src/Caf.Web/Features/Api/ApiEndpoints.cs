using System.Globalization;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Finance;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Api;

/// <summary>An amount as a decimal string (never a binary float) with its ISO currency.</summary>
public sealed record ApiMoney(string Amount, string Currency)
{
    public static ApiMoney From(Money money) => From(money.Amount, money.Currency);
    public static ApiMoney From(decimal amount, string currency) => new(amount.ToString("0.00", CultureInfo.InvariantCulture), currency);
}

public sealed record ApiLedgerTotals(int EntryCount, ApiMoney CashIn, ApiMoney CashOut, ApiMoney Balance, ApiMoney OpenCommitments);

public sealed record ApiLedgerEntry(DateOnly ValueDate, string Kind, string? Grant, string Description, string? BankReference,
    ApiMoney CashIn, ApiMoney CashOut, ApiMoney CommitmentChange);

public sealed record ApiLedger(DateOnly AsOf, string Currency, ApiLedgerTotals Totals, IReadOnlyList<ApiLedgerEntry> Entries);

public sealed record ApiApplication(Guid Id, string? Reference, string Title, string? ApplicantState, string Stage, ApiMoney Requested);

public sealed record ApiApplicationList(IReadOnlyList<ApiApplication> Applications);

/// <summary>
/// The read-only API under /api/v1. Every endpoint demands a bearer access token from this application's own OAuth
/// server with the endpoint's scope: 401 without one (a page cookie is not one), 403 when the scope is missing.
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCafApi(this IEndpointRouteBuilder app)
    {
        AuthorizationServerEndpoints.Map(app);

        // Status codes stay bare here: a program reading JSON should not receive the HTML error page.
        var api = app.MapGroup("/api/v1").WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        // The open calls for proposals are public, like the page that lists them; drafts and closed rounds are not listed.
        api.MapGet("/rounds", async (CafDbContext db, TimeProvider clock, CancellationToken ct) =>
            (await Rounds.OpenModel.OpenRoundsAsync(db, clock.GetUtcNow().UtcDateTime, ct)).Select(r => new
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
            })).AllowAnonymous();
        api.MapGet("/ledger", ReadLedgerAsync).RequireAuthorization(ApiScopes.Policies.LedgerRead);
        api.MapGet("/applications", ListApplicationsAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        api.MapGet("/applications/{id:guid}", ReadApplicationAsync).RequireAuthorization(ApiScopes.Policies.ApplicationsRead);
        return app;
    }

    private static async Task<Ok<ApiLedger>> ReadLedgerAsync(FundLedger ledger, DateOnly? asOf, CancellationToken ct)
    {
        var (rows, totals) = await ledger.ReadAsync(asOf, ct);
        var entries = rows.Select(r => new ApiLedgerEntry(r.ValueDate, r.Kind.ToString(), r.Grant, r.Description, r.BankReference,
            ApiMoney.From(r.CashIn, r.Currency), ApiMoney.From(r.CashOut, r.Currency), ApiMoney.From(r.CommitmentChange, r.Currency))).ToList();
        return TypedResults.Ok(new ApiLedger(totals.AsOf, totals.Balance.Currency,
            new ApiLedgerTotals(totals.EntryCount, ApiMoney.From(totals.CashIn), ApiMoney.From(totals.CashOut),
                ApiMoney.From(totals.Balance), ApiMoney.From(totals.OpenCommitments)),
            entries));
    }

    private static async Task<Ok<ApiApplicationList>> ListApplicationsAsync(CafDbContext db, CancellationToken ct)
    {
        var applications = await Submitted(db).ToListAsync(ct);
        return TypedResults.Ok(new ApiApplicationList(applications
            .OrderBy(a => a.Reference, StringComparer.Ordinal).Select(ToApi).ToList()));
    }

    private static async Task<Results<Ok<ApiApplication>, ProblemHttpResult>> ReadApplicationAsync(Guid id, CafDbContext db,
        CancellationToken ct) =>
        await Submitted(db).FirstOrDefaultAsync(a => a.Id == id, ct) is { } application
            ? TypedResults.Ok(ToApi(application))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no submitted application with this id.");

    /// <summary>Applications past the applicant's draft: a draft is the applicant's own business until submitted.</summary>
    private static IQueryable<GrantApplication> Submitted(CafDbContext db) =>
        db.Applications.AsNoTracking()
            .Include(a => a.ApplicantState)
            .Include(a => a.Workflow)
            .Include(a => a.BudgetLines)
            .Where(a => a.Workflow!.Stage != GrantApplication.DraftStage)
            .AsSplitQuery();

    private static ApiApplication ToApi(GrantApplication a) =>
        new(a.Id, a.Reference, a.Title, a.ApplicantState?.IsoCode, a.Stage, ApiMoney.From(a.RequestedAmount));
}
