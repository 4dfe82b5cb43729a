using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Shared;

internal static class PageOutcomeExtensions
{
    /// <summary>Puts a refused outcome's messages on the form (by field where known) and sets the status code.</summary>
    public static void ShowRefusal(this PageModel page, CommandOutcome outcome, Func<string?, string>? fieldKey = null)
    {
        foreach (var (field, message) in outcome.Errors)
            page.ModelState.AddModelError(field is null ? string.Empty : (fieldKey?.Invoke(field) ?? field), message);
        page.Response.StatusCode = outcome.StatusCode;
    }
}
