using System.ComponentModel.DataAnnotations;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>
/// Links an authenticator app (TOTP) to the account and hands out recovery codes once; once linked, changing it asks
/// for a code from the current app or a recovery code (<see cref="AuthenticatorEnrolment"/>).
/// </summary>
public sealed class SetupAuthenticatorModel(UserManager<CafUser> users, AuthenticatorEnrolment enrolment,
    IConfiguration configuration) : PageModel
{
    [BindProperty, Display(Name = "Auth.CodeFromApp")]
    public string? Code { get; set; }

    [BindProperty, Display(Name = "Auth.CurrentCode")]
    public string? CurrentCode { get; set; }

    /// <summary>The key to add to the app: while not enrolled, or once right after a change. Never otherwise.</summary>
    public AuthenticatorKey? NewKey { get; private set; }
    public bool Required { get; private set; }
    public bool AlreadyEnabled { get; private set; }
    public bool Changed { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Turns two-factor on for a person not enrolled yet.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        if (AlreadyEnabled) return Page();
        if (string.IsNullOrWhiteSpace(Code)) return Refuse(nameof(Code), InterfaceLanguage.Text("Auth.NeedAppCode"));
        if (await enrolment.EnableAsync(user, Code, ct) is not { } recoveryCodes)
            return Refuse(nameof(Code), InterfaceLanguage.Text("Auth.AppCodeWrong"));
        RecoveryCodes = recoveryCodes;
        AlreadyEnabled = true;
        NewKey = null;
        return Page();
    }

    /// <summary>Replaces the authenticator of an enrolled person (a new phone); shows the new key this once.</summary>
    public async Task<IActionResult> OnPostChangeAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        if (string.IsNullOrWhiteSpace(CurrentCode))
            return Refuse(nameof(CurrentCode), InterfaceLanguage.Text("Auth.NeedCurrentCode"));
        var (newKey, problem) = await enrolment.ChangeAsync(user, CurrentCode, ct);
        if (problem is not null) return Refuse(nameof(CurrentCode), problem);
        NewKey = newKey;
        Changed = true;
        return Page();
    }

    private PageResult Refuse(string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = 400;
        return Page();
    }

    private async Task LoadAsync(CafUser user)
    {
        Required = SecondFactorSignIn.Required(User, configuration);
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user);
        NewKey = await enrolment.PendingKeyAsync(user);
    }
}
