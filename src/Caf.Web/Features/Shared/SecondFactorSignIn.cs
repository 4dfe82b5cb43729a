using System.Security.Claims;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Whether a person must sign in with a second factor, and whether they did: asked by the sign-in guard
/// (Account.TwoFactorEnforcementMiddleware) and by payments (FreshSecondFactor).
/// </summary>
internal static class SecondFactorSignIn
{
    public static bool Required(ClaimsPrincipal user, IConfiguration configuration) =>
        configuration.GetValue("Security:RequireTwoFactorForStaff", true) && ApplicationAccess.IsStaff(user);

    /// <summary>Identity marks a sign-in completed with a second factor with the claim amr = mfa.</summary>
    public static bool Used(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");
}
