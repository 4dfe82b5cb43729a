using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Web.Features.Account;

/// <summary>Links an authenticator app (TOTP) to the account and hands out recovery codes once.</summary>
public sealed class SetupAuthenticatorModel(UserManager<CafUser> users, SignInManager<CafUser> signIn, CafDbContext db,
    IConfiguration configuration) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    public string Key { get; private set; } = "";
    public string Uri { get; private set; } = "";
    public bool Required { get; private set; }
    public bool AlreadyEnabled { get; private set; }
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (!ModelState.IsValid) return Page();
        var code = Code.Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check that the app shows CafGrants and that your phone's clock is set automatically.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        db.AuditEvents.Add(new AuditEvent("2fa.enabled", "User", user.Id, JsonSerializer.Serialize(new { email = user.Email })));
        await db.SaveChangesAsync();
        // The second factor was just proven: the session counts as two-factor from now on.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        AlreadyEnabled = true;
        return Page();
    }

    private async Task LoadAsync(CafUser user)
    {
        Required = TwoFactorEnforcementMiddleware.Required(User, configuration);
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        Uri = $"otpauth://totp/CafGrants:{System.Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=CafGrants&digits=6";
    }
}
