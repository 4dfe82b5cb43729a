using Caf.Data;
using Caf.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Caf.Web.Features.Admin;

/// <summary>
/// The first administrator of a real (non-demo) deployment, from the command line: the roles are created if missing,
/// and an invitation link valid for 24 hours is returned to print, not emailed (mail may not be set up yet).
/// Refused when an administrator exists, unless forced (issue #10, item 12).
/// </summary>
internal sealed class AdministratorInvitation(RoleManager<IdentityRole> roles, UserManager<CafUser> users, InvitationService invitations) : IUseCase
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    /// <param name="Administrators">The administrators already there, when they are why none was created (the command line words it).</param>
    public sealed record Result(string? Link, DateTime ExpiresAtUtc, string? Problem, IReadOnlyList<string>? Administrators = null);

    public async Task<Result> CreateAsync(string email, string displayName, bool evenIfOneExists, string invitedBy, CancellationToken ct)
    {
        foreach (var role in CafRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var existing = await users.GetUsersInRoleAsync(CafRoles.Admin);
        if (existing.Count > 0 && !evenIfOneExists)
            return new Result(null, default, null, [.. existing.Select(u => u.Email ?? "")]);
        var (problems, link, expires) = await invitations.IssueAsync(email, displayName, CafRoles.Admin, null, invitedBy, byAdmin: true,
            LinkLifetime, byEmail: false, ct);
        return problems is { Count: > 0 } ? new Result(null, default, string.Join(" ", problems.Select(p => p.Message))) : new Result(link, expires, null);
    }
}
