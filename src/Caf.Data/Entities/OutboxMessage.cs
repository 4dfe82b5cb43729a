namespace Caf.Data.Entities;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the action that causes it; the dispatcher sends it
/// afterwards and marks it, so a rolled-back action sends nothing and a crash loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(string to, string subject, string body, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        Body = body;
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTime nowUtc)
    {
        SentAtUtc = nowUtc;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}
