using Caf.Data;
using Caf.Data.Entities;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace Caf.Workflows.Grants;

/// <summary>Applicant tasks belong to the applicant state; every other role's tasks to whoever holds the role.</summary>
internal sealed class GrantTaskScope : IWorkflowTaskScope
{
    public Guid? StatePartyFor(object subject, string role) =>
        role == CafRoles.Applicant && subject is GrantApplication application ? application.ApplicantStateId : null;
}

internal sealed class GrantSubjectLoader : IWorkflowSubjectLoader
{
    public async Task<object?> LoadAsync(CafDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        await db.Applications.WithGraph().FirstOrDefaultAsync(a => a.WorkflowInstanceId == instanceId, cancellationToken);
}
