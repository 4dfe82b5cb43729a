using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Finance;

/// <summary>What an import did: the rates added and those already recorded alike, or every problem of the file (and nothing written).</summary>
internal sealed record RateImport(int Imported, int Skipped, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Finance records what a currency is worth in the fund currency on a date, and where the rate comes from (ADR 0022).</summary>
public sealed class ExchangeRates(CafDbContext db, UserActions actions, IOptions<GrantRulesOptions> options, TimeProvider clock) : IUseCase
{
    /// <summary>One rate; a second one for the same currency and date is refused, since conversions may already name the first.</summary>
    public async Task<CommandOutcome> RecordAsync(ClaimsPrincipal finance, string? currency, DateOnly date, decimal rate, string? source,
        CancellationToken ct)
    {
        var fund = options.Value.FundCurrency;
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        var problems = ExchangeRate.Problems(code, fund, date, rate, source).ToList();
        if (problems.Count == 0 && ExchangeRate.FutureProblem(date, FundTime.Today(clock)) is { } tooFar) problems.Add((nameof(ExchangeRate.Date), tooFar));
        if (problems.Count == 0 && await db.ExchangeRates.FirstOrDefaultAsync(r => r.Currency == code && r.FundCurrency == fund && r.Date == date, ct)
                is { } recorded)
            problems.Add((nameof(ExchangeRate.Date),
                InterfaceLanguage.Format("Rates.AlreadyRecorded", code, date, ExchangeRate.Format(recorded.Rate), recorded.Source)));
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        try
        {
            return await actions.RunAsync(finance, () =>
            {
                db.ExchangeRates.Add(new ExchangeRate(code, fund, date, rate, source!, ApplicationAccess.ActorFor(finance).UserId,
                    clock.GetUtcNow().UtcDateTime));
                return Task.CompletedTask;
            }, ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondRate(ex))
        {
            db.ChangeTracker.Clear();
            return new CommandOutcome(409, [(nameof(ExchangeRate.Date), SameMomentMessage)]);
        }
    }

    private static string SameMomentMessage => InterfaceLanguage.Text("Rates.SameMoment");

    internal const string ImportedAction = "exchange-rates.imported";

    /// <summary>
    /// A CSV file of rates, all or nothing: a line identical to a rate already recorded is skipped, so importing a file
    /// twice adds nothing; a line that would change a recorded rate is a problem, as on the form.
    /// </summary>
    internal async Task<RateImport> ImportAsync(ClaimsPrincipal finance, string fileName, byte[] content, CancellationToken ct)
    {
        var fund = options.Value.FundCurrency;
        var parsed = ExchangeRateCsv.Parse(content, fund);
        if (!parsed.IsClean) return new(0, 0, parsed.Problems);

        var currencies = parsed.Rows.Select(r => r.Currency).Distinct().ToList();
        var (from, to) = (parsed.Rows.Min(r => r.Date), parsed.Rows.Max(r => r.Date));
        var recorded = await db.ExchangeRates.AsNoTracking()
            .Where(r => r.FundCurrency == fund && currencies.Contains(r.Currency) && r.Date >= from && r.Date <= to)
            .ToDictionaryAsync(r => (r.Currency, r.Date), ct);
        var problems = new List<CsvProblem>();
        var added = new List<ExchangeRateRow>();
        var today = FundTime.Today(clock);
        foreach (var row in parsed.Rows)
        {
            if (ExchangeRate.FutureProblem(row.Date, today) is { } tooFar) problems.Add(new(row.Line, "date", InterfaceLanguage.Format("Rates.CsvColumn", "date", tooFar)));
            else if (!recorded.TryGetValue((row.Currency, row.Date), out var existing)) added.Add(row);
            else if (existing.Rate != row.Rate || !string.Equals(existing.Source.Trim(), row.Source, StringComparison.Ordinal))
                problems.Add(new(row.Line, "rate",
                    InterfaceLanguage.Format("Rates.CsvColumn", "rate", InterfaceLanguage.Format("Rates.CsvAlreadyRecorded", row.Currency,
                        row.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ExchangeRate.Format(existing.Rate), existing.Source))));
        }
        if (problems.Count > 0) return new(0, 0, problems);

        var skipped = parsed.Rows.Count - added.Count;
        CommandOutcome outcome;
        try
        {
            outcome = await actions.RunAsync(finance, () =>
            {
                var userId = ApplicationAccess.ActorFor(finance).UserId;
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var row in added) db.ExchangeRates.Add(new ExchangeRate(row.Currency, fund, row.Date, row.Rate, row.Source, userId, now));
                db.AuditEvents.Add(new AuditEvent(ImportedAction, nameof(ExchangeRate), null,
                    JsonSerializer.Serialize(new { fileName, imported = added.Count, skipped })));
                return Task.CompletedTask;
            }, ct);
        }
        catch (DbUpdateException ex) when (SaveConflicts.IsSecondRate(ex))
        {
            db.ChangeTracker.Clear();
            return new(0, 0, [new CsvProblem(1, null, SameMomentMessage)]);
        }
        return outcome.Succeeded
            ? new(added.Count, skipped, [])
            : new(0, 0, [.. outcome.Errors.Select(e => new CsvProblem(1, null, e.Message))]);
    }
}
