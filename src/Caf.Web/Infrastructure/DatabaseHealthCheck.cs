using Caf.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Web.Infrastructure;

internal sealed class DatabaseHealthCheck(CafDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
