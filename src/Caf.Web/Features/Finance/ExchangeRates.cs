using System.Security.Claims;
using Caf.Data;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>Finance records what a currency is worth in the fund currency on a date, and where the rate comes from (ADR 0022).</summary>
public sealed class ExchangeRates(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options) : IUseCase
{
    /// <summary>One rate; a second one for the same currency and date is refused, since conversions may already name the first.</summary>
    public async Task<CommandOutcome> RecordAsync(ClaimsPrincipal finance, string? currency, DateOnly date, decimal rate, string? source,
        CancellationToken ct)
    {
        var fund = options.Value.FundCurrency;
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        var problems = ExchangeRate.Problems(code, fund, date, rate, source).ToList();
        if (problems.Count == 0 && await db.ExchangeRates.FirstOrDefaultAsync(r => r.Currency == code && r.FundCurrency == fund && r.Date == date, ct)
                is { } recorded)
            problems.Add((nameof(ExchangeRate.Date),
                $"A {code} rate for {date:d MMMM yyyy} is already recorded: {ExchangeRate.Format(recorded.Rate)} ({recorded.Source}). A rate is not changed once recorded."));
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        return await actions.RunAsync(finance, () =>
        {
            db.ExchangeRates.Add(new ExchangeRate(code, fund, date, rate, source!, ApplicationAccess.ActorFor(finance).UserId,
                DateTime.UtcNow));
            return Task.CompletedTask;
        }, ct);
    }
}
