using System.Security.Claims;
using Caf.Data.Entities;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Caf.Web.Features.Api;

/// <summary>
/// The two OAuth endpoints OpenIddict hands over to us once it has checked the request (client, secret, redirect URI,
/// PKCE, scopes allowed to the client): /connect/authorize decides for the signed-in person, /connect/token issues.
/// </summary>
internal static class AuthorizationServerEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";

    public static void Map(IEndpointRouteBuilder app)
    {
        // Anonymous at the ASP.NET level because OpenIddict authenticates the caller itself: the client by its secret
        // at /connect/token, the person by the sign-in cookie (checked below) at /connect/authorize.
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(TokenPath, ExchangeAsync).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>
    /// Authorization code + PKCE for a person: sign in first (the cookie), then the code carries the scopes that person may
    /// delegate. Consent is implicit: only an Admin can register a client, so each one is already vetted.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<CafUser> users, SignInManager<CafUser> signIns)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = cookie.Succeeded ? await users.GetUserAsync(cookie.Principal) : null;
        if (user is null || !await MayStillSignInAsync(user, users, signIns))
        {
            // Back here after signing in, with the same parameters (a POSTed request comes back as a GET).
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var roles = await users.GetRolesAsync(user);
        var granted = request.GetScopes().Where(s => s == Scopes.OfflineAccess || ApiScopes.MayDelegate(roles, s)).ToList();
        if (!granted.Any(ApiScopes.All.Contains))
            return Refuse(Errors.AccessDenied, "Your account may not give this application any of the access it asked for.");
        return Results.SignIn(await PrincipalForAsync(user, users, granted), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http, UserManager<CafUser> users, SignInManager<CafUser> signIns,
        IOpenIddictApplicationManager applications)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret and that the client may use every scope it asked for.
            var client = await applications.FindByClientIdAsync(request.ClientId!)
                         ?? throw new InvalidOperationException("The client application cannot be found.");
            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(client));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The code or refresh token is valid (OpenIddict checked it); the person behind it must still be allowed in,
            // and keeps only the scopes their roles still let them delegate.
            var stored = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = stored.Principal?.GetClaim(Claims.Subject) is { } userId ? await users.FindByIdAsync(userId) : null;
            if (user is null || !await MayStillSignInAsync(user, users, signIns))
                return Refuse(Errors.InvalidGrant, "The person this token was issued to can no longer sign in.");
            var roles = await users.GetRolesAsync(user);
            var granted = stored.Principal!.GetScopes().Where(s => s == Scopes.OfflineAccess || ApiScopes.MayDelegate(roles, s)).ToList();
            return Results.SignIn(await PrincipalForAsync(user, users, granted), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<bool> MayStillSignInAsync(CafUser user, UserManager<CafUser> users, SignInManager<CafUser> signIns) =>
        await signIns.CanSignInAsync(user) && !await users.IsLockedOutAsync(user);

    private static async Task<ClaimsPrincipal> PrincipalForAsync(CafUser user, UserManager<CafUser> users, IEnumerable<string> scopes)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user));
        identity.SetClaim(Claims.Name, await users.GetUserNameAsync(user));
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
