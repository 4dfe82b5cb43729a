using System.Security.Claims;
using Caf.Data;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Whose open tasks a person's inbox holds: those of each staff role they hold, and an applicant's for their own state —
/// the same whether they hold one role (asked as an equality, for the index) or several.
/// </summary>
public abstract class InboxTests(CafAppFactory factory)
{
    [Fact]
    public async Task The_inbox_holds_the_open_tasks_of_each_role_held_and_an_applicants_own_states_whatever_the_number_of_roles()
    {
        await factory.ResetAsync();
        await factory.WithDbAsync(async db =>
        {
            var ct = TestContext.Current.CancellationToken;
            var states = await db.StateParties.OrderBy(s => s.IsoCode).Select(s => s.Id).Take(2).ToListAsync(ct);
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var instance = new WorkflowInstance("caf-grant", 1, "Submitted", now);
            db.Add(instance);
            var subject = new { Id = Guid.NewGuid(), WorkflowInstanceId = instance.Id };
            // Open and closed tasks of every role, and applicant tasks of two states.
            string[] roles = [CafRoles.IsuOfficer, CafRoles.Finance, CafRoles.GenderFocalPoint, CafRoles.CommitteeMember];
            foreach (var role in roles)
            {
                db.WorkflowTasks.Add(new WorkflowTask(subject.WorkflowInstanceId, subject.Id, "t-" + role, "Stage", role, null, "Open " + role, now.AddDays(1), now));
                var closed = new WorkflowTask(subject.WorkflowInstanceId, subject.Id, "c-" + role, "Stage", role, null, "Closed " + role, null, now);
                closed.Close(now);
                db.WorkflowTasks.Add(closed);
            }
            foreach (var state in states)
                db.WorkflowTasks.Add(new WorkflowTask(subject.WorkflowInstanceId, subject.Id, "a", "Stage", CafRoles.Applicant, state, "Applicant " + state, null, now));
            await db.SaveChangesAsync(ct);

            var open = await db.WorkflowTasks.AsNoTracking().Where(t => t.ClosedAtUtc == null).ToListAsync(ct);
            var access = new ApplicationAccess(db);
            foreach (var (held, state) in new (string[] Roles, Guid? State)[]
                     {
                         ([CafRoles.IsuOfficer], null), ([CafRoles.Finance], null), ([CafRoles.IsuOfficer, CafRoles.Finance], null),
                         ([CafRoles.Applicant], states[0]), ([CafRoles.Applicant], null), ([CafRoles.Applicant, CafRoles.GenderFocalPoint], states[1]),
                         ([CafRoles.Auditor], null), ([], null),
                     })
            {
                var claims = held.Select(r => new Claim(ClaimTypes.Role, r)).ToList();
                if (state is { } s) claims.Add(new Claim(CafClaims.StateParty, s.ToString()));
                var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
                var expected = open.Where(t => (t.Role != CafRoles.Applicant && held.Contains(t.Role))
                                               || (t.Role == CafRoles.Applicant && held.Contains(CafRoles.Applicant) && state is not null && t.StatePartyId == state))
                    .Select(t => t.Id).Order().ToList();
                var actual = (await access.OpenTasks(user).Select(t => t.Id).ToListAsync(ct)).Order().ToList();
                Assert.True(expected.SequenceEqual(actual), $"{string.Join('+', held)} {state}: expected {expected.Count} tasks, the inbox holds {actual.Count}");
                // Not an empty comparison: everyone but the auditor, the person without roles and the applicant without a state has tasks.
                Assert.True(expected.Count > 0 || held is [] or [CafRoles.Auditor] || (held is [CafRoles.Applicant] && state is null), $"{string.Join('+', held)}: no tasks to compare");
            }
            return 0;
        });
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteInboxTests(SqliteAppFactory factory) : InboxTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresInboxTests(PostgresAppFactory factory) : InboxTests(factory);
