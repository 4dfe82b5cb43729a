namespace Caf.Data.Entities;

/// <summary>
/// A message for the people holding a role (for applicants, those of one state) about one application: a reminder,
/// an escalation. Shown in their inbox; the email outbox sends it on once email is configured. Written in English, French
/// and Spanish when it is made (the people of a role read different languages); a note from before that has English only.
/// </summary>
public sealed class Notification : IAudited
{
    private Notification() { }

    /// <param name="write">The message in a language (en, fr, es), as <see cref="MailText.Get"/> writes it.</param>
    public Notification(Guid applicationId, string role, Guid? statePartyId, Func<string, string> write, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        Role = role;
        StatePartyId = statePartyId;
        Message = write("en");
        MessageFr = write("fr");
        MessageEs = write("es");
        CreatedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Role { get; private set; } = "";
    public Guid? StatePartyId { get; private set; }
    /// <summary>The message in English.</summary>
    public string Message { get; private set; } = "";
    public string? MessageFr { get; private set; }
    public string? MessageEs { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The message in <paramref name="language"/>; in English when it has none in it.</summary>
    public string In(string language) => language switch
    {
        "fr" => MessageFr ?? Message,
        "es" => MessageEs ?? Message,
        _ => Message,
    };
}
