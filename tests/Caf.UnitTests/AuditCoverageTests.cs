using Caf.Data;
using Microsoft.EntityFrameworkCore;

namespace Caf.UnitTests;

/// <summary>
/// Every entity type of the model writes an audit record on every create, update and delete (it is <see cref="IAudited"/>,
/// which the audit interceptor records), unless it is listed here with the reason it is not (issue 13).
/// </summary>
public sealed class AuditCoverageTests
{
    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["AuditEvent"] = "The trail itself: append-only, refused UPDATE and DELETE by the database (ADR 0027).",
        ["AuditCheckpoint"] = "A signed statement about the trail, append-only like it (ADR 0027).",
        ["DataProtectionKey"] = "ASP.NET Core's key ring: secrets, written by the framework; they are never business data.",
        ["CafUser"] = "Accounts change through named actions, each audited by its own record: sign-in, lockout, two-factor, disable/enable, invitation, password reset, language.",
        ["IdentityRole"] = "The fixed roles, created at start-up from CafRoles.",
        ["IdentityUserRole`1"] = "A role is given by accepting an invitation for it, audited as invitation.accepted with the role.",
        ["IdentityUserClaim`1"] = "Not used by CafGrants.",
        ["IdentityUserLogin`1"] = "Not used by CafGrants (no external sign-in).",
        ["IdentityUserToken`1"] = "The authenticator key and recovery codes: secrets, whose changes are audited as 2fa.* records without their values.",
        ["IdentityRoleClaim`1"] = "Not used by CafGrants.",
        ["OpenIddictEntityFrameworkCoreApplication"] = "API clients: registering and revoking one is audited (api-client.registered, api-client.revoked), never its secret.",
        ["OpenIddictEntityFrameworkCoreAuthorization"] = "OAuth grants the server keeps; every program's read of the API is audited (api.read).",
        ["OpenIddictEntityFrameworkCoreScope"] = "The fixed API scopes.",
        ["OpenIddictEntityFrameworkCoreToken"] = "Access and refresh tokens: secrets, short-lived and pruned; their use is audited (api.read).",
        ["ApplicationVersion"] = "An immutable snapshot of the proposal written with the transition that made it, which is audited (stage.changed).",
        ["Invitation"] = "Audited by name: invitation.sent and invitation.accepted (the token is a secret).",
        ["OutboxMessage"] = "The email queue: the message is written with the action that sends it (audited there); a resend is email.resent.",
        ["ReferenceCounter"] = "The last application number of a year; each number is audited with the application it is given to.",
        ["StoredFile"] = "File bytes: the file's record (attachment, report, signed copy) is audited with its name, size and id; downloads as *.downloaded.",
        ["WorkflowDefinitionRecord"] = "Workflow definitions imported from workflows/*.json: audited as workflow.imported.",
        ["WorkflowInstance"] = "An application's place in its workflow: every move is audited as stage.changed with the transition.",
        ["WorkflowTransitionRecord"] = "The history of transitions, written with the stage.changed record of each.",
        ["WorkflowTask"] = "Work lists derived from the stage, opened and closed with its audited transition.",
        ["LedgerPeriodSum"] = "The ledger's entries added up by day and month, written with the entries, which are audited (ADR 0041).",
        ["WorkflowTimer"] = "Timers scheduled by a transition (audited) and fired as timer.fired.",
    };

    [Fact]
    public void Every_entity_type_is_audited_or_excluded_with_a_reason()
    {
        using var db = new SqliteCafDbContext(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite("Data Source=:memory:").Options);
        var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType).Select(t => t.ClrType).Distinct().ToList();

        var unaccounted = types.Where(t => !typeof(IAudited).IsAssignableFrom(t) && !NotAudited.ContainsKey(t.Name)).Select(t => t.FullName).ToList();
        var stale = NotAudited.Keys.Where(name => types.All(t => t.Name != name)).ToList();
        var both = types.Where(t => typeof(IAudited).IsAssignableFrom(t) && NotAudited.ContainsKey(t.Name)).Select(t => t.Name).ToList();

        Assert.True(unaccounted.Count == 0, $"Entity types that write no audit record and are not excused: {string.Join(", ", unaccounted)}");
        Assert.True(stale.Count == 0, $"Excused entity types no longer in the model: {string.Join(", ", stale)}");
        Assert.True(both.Count == 0, $"Audited entity types also excused: {string.Join(", ", both)}");
        // An owned type (a screening's answers) is recorded under its owner, which must be audited; no join table hides a change.
        Assert.Empty(db.Model.GetEntityTypes().Where(t => t.IsOwned() && !Caf.Data.Auditing.AuditInterceptor.IsOwnedByAudited(t)).Select(t => t.Name));
        Assert.Empty(db.Model.GetEntityTypes().Where(t => t.HasSharedClrType && !t.IsOwned()).Select(t => t.Name));
    }
}
