using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Caf.Web.Features.Shared;

/// <summary>
/// Who a bearer token acts for: a program acting for itself (client credentials), or a person who let a program act for
/// them (authorization code). A person is given the same principal as their page cookie, built from their account as it
/// is now, so the API applies exactly the page rules (ApplicationAccess) and a changed role or state counts at once.
/// </summary>
internal sealed record ApiCaller(ClaimsPrincipal? Person)
{
    public bool IsProgram => Person is null;

    public static async Task<ApiCaller> ResolveAsync(ClaimsPrincipal token, UserManager<CafUser> users,
        IUserClaimsPrincipalFactory<CafUser> principals)
    {
        var subject = token.GetClaim(Claims.Subject);
        // A client-credentials token names the client itself as its subject (AuthorizationServerEndpoints.ExchangeAsync).
        if (subject is null || subject == token.GetClaim(Claims.ClientId)) return new ApiCaller((ClaimsPrincipal?)null);
        // A person whose account is gone, disabled or locked out sees nothing and does nothing, from the moment it is:
        // a token issued before still looks valid until it expires. Never fall back to what a program sees.
        return await users.FindByIdAsync(subject) is { } user && !await users.IsLockedOutAsync(user)
            ? new ApiCaller(await principals.CreateAsync(user))
            : new ApiCaller(new ClaimsPrincipal(new ClaimsIdentity()));
    }
}

/// <summary>Resolves the caller of an API request and the applications it may read.</summary>
internal sealed class ApiCallers(ApplicationAccess access, UserManager<CafUser> users,
    IUserClaimsPrincipalFactory<CafUser> principals)
{
    public Task<ApiCaller> ResolveAsync(ClaimsPrincipal token) => ApiCaller.ResolveAsync(token, users, principals);

    /// <summary>
    /// For a person, what the pages let them see (ApplicationAccess.Visible); for a program, every submitted application,
    /// since a draft is the applicant's own business until submitted.
    /// </summary>
    public async Task<IQueryable<GrantApplication>> VisibleApplicationsAsync(ClaimsPrincipal token)
    {
        var caller = await ResolveAsync(token);
        var visible = caller.Person is { } person
            ? access.Visible(person)
            : access.Submitted();
        return visible.AsNoTracking()
            .Include(a => a.ApplicantState)
            .Include(a => a.Workflow)
            .Include(a => a.BudgetLines)
            .AsSplitQuery();
    }
}
