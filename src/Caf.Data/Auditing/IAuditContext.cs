namespace Caf.Data.Auditing;

/// <summary>Who is acting and from where, as stamped on every audit record of a unit of work.</summary>
public interface IAuditContext
{
    string? UserId { get; }
    string UserName { get; }
    string? IpAddress { get; }
    string? CorrelationId { get; }
}

/// <summary>For work done by the application itself: migrations, seeding, CLI verbs, timers.</summary>
public sealed class SystemAuditContext(string userName = "system") : IAuditContext
{
    public string? UserId => null;
    public string UserName { get; } = userName;
    public string? IpAddress => null;
    public string? CorrelationId { get; } = Guid.NewGuid().ToString("N");
}
