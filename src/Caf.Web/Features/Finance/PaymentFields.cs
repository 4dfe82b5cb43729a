using System.Security.Claims;
using Caf.Data.Finance;

namespace Caf.Web.Features.Finance;

/// <summary>
/// What every form recording a bank movement asks: the amount, its value date, the bank's reference and a fresh code
/// from the authenticator app (shown by _PaymentFields.cshtml).
/// </summary>
public abstract class PaymentFields
{
    // No attributes: BankPayment.Problems says what is wrong, once.
    public decimal? Amount { get; set; }

    public DateOnly? ValueDate { get; set; }

    public string? BankReference { get; set; }

    /// <summary>Typed for this payment; never shown back.</summary>
    public string? SecondFactorCode { get; set; }

    public BankPayment Payment() => new(Amount, ValueDate, BankReference);
}

/// <summary>
/// The fresh second factor every payment asks for: an authentication step the payment use cases take before anything is
/// recorded, so that no page can record a payment without it.
/// </summary>
internal static class PaymentCode
{
    /// <summary>The field the code is typed in.</summary>
    public const string Field = nameof(PaymentFields.SecondFactorCode);

    /// <summary>
    /// The payment's rule problems and, when the code is asked and was not typed, that one too, so that a person sees
    /// everything at once; a typed code is not tried here.
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> WithMissingCode(IEnumerable<(string Field, string Message)> problems,
        FreshSecondFactor check, ClaimsPrincipal user, string? code) =>
        problems.Concat(check.IsAsked(user) && string.IsNullOrWhiteSpace(code) ? [(Field, FreshSecondFactor.MissingMessage)] : [])
            .ToList();

    /// <summary>
    /// Null when the payment may be recorded: no problem, and the typed code right. The code is checked only once
    /// everything else is right, so that fixing a date never costs an attempt (a wrong code counts towards lockout).
    /// </summary>
    public static async Task<CommandOutcome?> RefusalAsync(IReadOnlyList<(string Field, string Message)> problems, FreshSecondFactor check,
        ClaimsPrincipal user, string? code, string action, CancellationToken ct)
    {
        if (problems.Count > 0) return CommandOutcome.Invalid(problems);
        if (!check.IsAsked(user)) return null;
        return await check.ProblemAsync(user, code, action, ct) is { } wrong ? CommandOutcome.Invalid([(Field, wrong)]) : null;
    }
}
