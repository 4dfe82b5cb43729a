using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Admin;

/// <summary>A message the outbox gave up on, as an administrator may see it: never its body, which can carry a reset link.</summary>
internal sealed record FailedMessage(Guid Id, string To, string Subject, DateTime CreatedAtUtc, int Attempts, string? LastError, DateTime FailedAtUtc);

/// <summary>The administrators' view of email that could not be sent, and sending one again.</summary>
public sealed class OutboxMessages(CafDbContext db, OutboxDispatcher outbox, TimeProvider clock) : IUseCase
{
    internal Task<List<FailedMessage>> FailedAsync(CancellationToken ct) =>
        db.Outbox.AsNoTracking().Where(m => m.FailedAtUtc != null && m.SentAtUtc == null)
            .OrderByDescending(m => m.FailedAtUtc)
            .Select(m => new FailedMessage(m.Id, m.To, m.Subject, m.CreatedAtUtc, m.Attempts, m.LastError, m.FailedAtUtc!.Value))
            .ToListAsync(ct);

    /// <summary>Puts a failed message back in the queue (audited) and tries it at once; null when done, else why not.</summary>
    internal async Task<string?> ResendAsync(Guid id, CancellationToken ct)
    {
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return InterfaceLanguage.Text("Outbox.NoSuchMessage");
        try
        {
            message.Resend();
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
        db.AuditEvents.Add(new AuditEvent("email.resent", nameof(OutboxMessage), message.Id.ToString(),
            JsonSerializer.Serialize(new { to = message.To, subject = message.Subject, lastError = message.LastError, at = clock.GetUtcNow().UtcDateTime })));
        await db.SaveChangesAsync(ct);
        await outbox.TrySendNowAsync(ct);
        return null;
    }
}
