using Caf.Data;
using Caf.Data.Finance;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Ledger rows written directly as test data: in CHF at rate 1, in another currency at a fixed test rate.</summary>
internal static class TestLedger
{
    public const decimal Rate = 0.9m;

    public static Conversion InFund(this Money amount, DateOnly date) =>
        Conversion.At(amount, "CHF", Rate, date, amount.Currency == "CHF" ? Conversion.FundCurrencySource : "test rate");
}
