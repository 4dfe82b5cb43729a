using System.Security.Claims;
using Caf.Data.Auditing;

namespace Caf.Web.Infrastructure;

/// <summary>The signed-in person, their address and the request's correlation id, for the audit trail.</summary>
internal sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    private HttpContext? Http => accessor.HttpContext;

    public string? UserId => Http?.User.FindFirstValue(ClaimTypes.NameIdentifier);
    public string UserName => Http?.User.Identity?.Name ?? (Http is null ? "system" : "anonymous");
    public string? IpAddress => Http?.Connection.RemoteIpAddress?.ToString();
    public string? CorrelationId => Http?.TraceIdentifier;
}
