using System.Security.Claims;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Caf.Web.Features.Account;

/// <summary>Adds the user's State Party, display name and language to the sign-in cookie.</summary>
internal sealed class CafClaimsPrincipalFactory(UserManager<CafUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<CafUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CafUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.StatePartyId is { } state) identity.AddClaim(new Claim(CafClaims.StateParty, state.ToString()));
        identity.AddClaim(new Claim(CafClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        identity.AddClaim(new Claim(CafClaims.Language, user.Language));
        return identity;
    }
}
