namespace Caf.Data.Entities;

/// <summary>
/// An email waiting to be sent, written in the same transaction as the action that causes it; the dispatcher sends it
/// afterwards and marks it, so a rolled-back action sends nothing and a crash loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    /// <param name="body">The plain-text part; the HTML part is made from it (<see cref="Mail.MailHtml"/>), so both say the same.</param>
    /// <param name="language">The language the message is written in (en, fr, es), declared in its HTML part.</param>
    public OutboxMessage(string to, string subject, string body, DateTime nowUtc, string language = "en")
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        Body = body;
        HtmlBody = Mail.MailHtml.FromText(body, language);
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>The HTML part, sent beside the plain text; null for messages written before there was one.</summary>
    public string? HtmlBody { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>After a failed attempt, not before this time (the back-off); null to send at once.</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }
    /// <summary>Given up on: after <see cref="MaxAttempts"/> attempts, or at once when it can never be sent (a broken address).</summary>
    public DateTime? FailedAtUtc { get; private set; }
    /// <summary>A dispatcher is sending it until then; another node leaves it alone, and takes it over if that one died.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public const int MaxAttempts = 5;

    /// <summary>The message went out. Only a message still waiting can be sent.</summary>
    public void MarkSent(DateTime nowUtc)
    {
        EnsureWaiting();
        SentAtUtc = nowUtc;
        Attempts++;
        LastError = null;
        NextAttemptAtUtc = null;
    }

    /// <summary>
    /// A failed attempt: tried again after 1, 2, 4, 8 minutes, then given up on with its reason so the queue moves on;
    /// <paramref name="permanent"/> when trying again cannot help.
    /// </summary>
    public void MarkAttemptFailed(string error, bool permanent, DateTime nowUtc)
    {
        EnsureWaiting();
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (permanent || Attempts >= MaxAttempts)
        {
            FailedAtUtc = nowUtc;
            NextAttemptAtUtc = null;
        }
        else NextAttemptAtUtc = nowUtc.AddMinutes(Math.Pow(2, Attempts - 1));
    }

    private void EnsureWaiting()
    {
        if (SentAtUtc is not null) throw new DomainException(DomainText.Get("Outbox.AlreadySent"));
        if (FailedAtUtc is not null) throw new DomainException(DomainText.Get("Outbox.GivenUp"));
    }

    /// <summary>The attempt is over, whatever its outcome; the claim was taken by a conditional UPDATE.</summary>
    public void ReleaseClaim() => ClaimedUntilUtc = null;

    /// <summary>An administrator sends a failed message again, from a fresh count of attempts.</summary>
    public void Resend()
    {
        if (SentAtUtc is not null) throw new DomainException(DomainText.Get("Outbox.AlreadySent"));
        if (FailedAtUtc is null) throw new DomainException(DomainText.Get("Outbox.NotFailed"));
        FailedAtUtc = null;
        NextAttemptAtUtc = null;
        Attempts = 0;
    }
}
