using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Finance;

/// <summary>
/// What every form recording a bank movement asks: the amount, its value date, the bank's reference and a fresh code
/// from the authenticator app (shown by _PaymentFields.cshtml).
/// </summary>
public abstract class PaymentFields
{
    [Required(ErrorMessage = "Give the amount.")]
    public decimal? Amount { get; set; }

    [Required(ErrorMessage = "Give the payment's value date.")]
    public DateOnly? ValueDate { get; set; }

    [Required(ErrorMessage = "Give the bank's reference for the payment.")]
    [StringLength(100, ErrorMessage = "Keep the bank reference under 100 characters.")]
    public string? BankReference { get; set; }

    /// <summary>Typed for this payment; never shown back.</summary>
    public string? SecondFactorCode { get; set; }
}

/// <summary>The code check every payment form makes once its other fields are right.</summary>
internal static class PaymentCode
{
    /// <summary>
    /// True when the form may be recorded. A missing code is reported with the other fields' messages; a typed code is
    /// checked only once everything else is right, so that fixing a date never costs an attempt.
    /// </summary>
    public static async Task<bool> AcceptedAsync(PageModel page, FreshSecondFactor check, PaymentFields input, string action,
        CancellationToken ct)
    {
        if (!check.IsAsked(page.User)) return page.ModelState.IsValid;
        var problem = string.IsNullOrWhiteSpace(input.SecondFactorCode) ? FreshSecondFactor.MissingMessage
            : page.ModelState.IsValid ? await check.ProblemAsync(page.User, input.SecondFactorCode, action, ct)
            : null;
        if (problem is not null) page.ModelState.AddModelError("Input." + nameof(PaymentFields.SecondFactorCode), problem);
        return page.ModelState.IsValid;
    }
}
