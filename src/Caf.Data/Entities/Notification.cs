namespace Caf.Data.Entities;

/// <summary>
/// A message for the people holding a role (for applicants, those of one state) about one application: a reminder,
/// an escalation. Shown in their inbox; the email outbox sends it on once email is configured.
/// </summary>
public sealed class Notification : IAudited
{
    private Notification() { }

    public Notification(Guid applicationId, string role, Guid? statePartyId, string message, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Role = role;
        StatePartyId = statePartyId;
        Message = message;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Role { get; private set; } = "";
    public Guid? StatePartyId { get; private set; }
    public string Message { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
}
