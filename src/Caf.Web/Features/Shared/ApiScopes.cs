using Caf.Data;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Caf.Web.Features.Shared;

/// <summary>
/// The scopes of the CafGrants API, the policies that demand them, and which people may hand each one to an
/// application that acts for them (an authorization-code token never reaches further than its user could).
/// </summary>
public static class ApiScopes
{
    public const string LedgerRead = "ledger.read";
    public const string ApplicationsRead = "applications.read";
    public const string ApplicationsWrite = "applications.write";

    public static readonly IReadOnlyList<string> All = [LedgerRead, ApplicationsRead, ApplicationsWrite];

    /// <summary>Whether someone with these roles may let an application use <paramref name="scope"/> on their behalf.</summary>
    public static bool MayDelegate(IEnumerable<string> roles, string scope) => scope switch
    {
        // The same people as the Fund ledger page (Policies.LedgerReaders).
        LedgerRead => roles.Any(r => r is CafRoles.Finance or CafRoles.Auditor or CafRoles.IsuOfficer),
        // A person's token reads what that person sees on the pages (ApplicationAccess.Visible, and committee scores by
        // CommitteeScoreVisibility), so every role may delegate it.
        ApplicationsRead => roles.Any(CafRoles.All.Contains),
        // Drafts are written only by an applicant state's own users, as on the Edit page.
        ApplicationsWrite => roles.Contains(CafRoles.Applicant),
        _ => false,
    };

    /// <summary>Policy names: a bearer token from our own server carrying the scope. The page cookie never counts.</summary>
    public static class Policies
    {
        public const string LedgerRead = "api:" + ApiScopes.LedgerRead;
        public const string ApplicationsRead = "api:" + ApiScopes.ApplicationsRead;
        public const string ApplicationsWrite = "api:" + ApiScopes.ApplicationsWrite;
    }

    internal static void AddApiPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.LedgerRead, p => RequireBearerScope(p, LedgerRead))
            .AddPolicy(Policies.ApplicationsRead, p => RequireBearerScope(p, ApplicationsRead))
            .AddPolicy(Policies.ApplicationsWrite, p => RequireBearerScope(p, ApplicationsWrite));

    private static void RequireBearerScope(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, string scope) =>
        policy.AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(scope));
}
