using System.Security.Claims;
using Caf.Data;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Account;

/// <summary>
/// Two-factor sign-in is mandatory for the roles that decide about money or see everything (all but applicants). A
/// staff member signed in without it may only set up an authenticator or sign out until they have.
/// </summary>
internal sealed class TwoFactorEnforcementMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const string SetupPath = "/Account/SetupAuthenticator";

    private static readonly string[] Open = [SetupPath, "/Account/Logout", "/Account/Login", "/Error", "/health", "/css", "/js", "/lib"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !SecondFactorSignIn.Required(user, configuration) || SecondFactorSignIn.Used(user)
            || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        if (HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("Set up two-factor sign-in first: your role requires it.");
    }

    /// <summary>
    /// Identity rebuilds the principal from the database at each security-stamp check and forgets how the person signed
    /// in; without this, staff would be sent back to the authenticator set-up a minute after signing in.
    /// </summary>
    public static Task KeepSecondFactorMark(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal is { } current && SecondFactorSignIn.Used(current)
            && context.NewPrincipal is { } fresh && !SecondFactorSignIn.Used(fresh) && fresh.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim("amr", "mfa"));
        return Task.CompletedTask;
    }
}
