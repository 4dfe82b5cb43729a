using System.Security.Claims;

namespace Caf.Web.Features.Shared;

/// <summary>The claims CafGrants adds to the sign-in cookie (Account.CafClaimsPrincipalFactory).</summary>
internal static class CafClaims
{
    public const string StateParty = "caf:state";
    public const string DisplayName = "caf:display-name";
    /// <summary>The person's language (en, fr, es): of the interface and of their emails.</summary>
    public const string Language = "caf:language";
}

internal static class PrincipalExtensions
{
    public static Guid? StatePartyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CafClaims.StateParty), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(CafClaims.DisplayName) ?? user.Identity?.Name ?? "";
}
