using Caf.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Quartz;

namespace Caf.Web.Infrastructure.Email;

/// <summary>Settings under "Email". Without an SMTP host, messages are written as .eml files to the pickup folder.</summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "CafGrants <no-reply@cafgrants.invalid>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Relative to the content root unless absolute.</summary>
    public string PickupFolder { get; set; } = "data/mail";
}

/// <summary>
/// Sends the outbox: each unsent message once, marking it sent (or its error, to retry later) in its own save, so a
/// message is never lost with a failed request and never sent twice by one node.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock,
    IHostEnvironment environment, ILogger<OutboxDispatcher> logger)
{
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// Sends what is waiting now, for a person who just acted; whatever cannot go now stays in the outbox for the
    /// outbox job, so the person's action never fails because of the mail server.
    /// </summary>
    public async Task TrySendNowAsync(CancellationToken ct = default)
    {
        try
        {
            await DispatchPendingAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Email is queued in the outbox but could not be sent yet.");
        }
    }

    /// <summary>
    /// Sends what is waiting after the answer has gone, without keeping the person waiting: used where the time an
    /// answer takes must not tell whether an email was written (forgot-password).
    /// </summary>
    public void SendSoon() => _ = Task.Run(() => TrySendNowAsync(CancellationToken.None));

    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
            var pending = await db.Outbox.Where(m => m.SentAtUtc == null && m.Attempts < MaxAttempts)
                .OrderBy(m => m.CreatedAtUtc).Take(50).ToListAsync(ct);
            var sent = 0;
            foreach (var message in pending)
            {
                try
                {
                    await SendAsync(ToMime(message), ct);
                    message.MarkSent(clock.GetUtcNow().UtcDateTime);
                    sent++;
                }
                catch (Exception ex) when (ex is IOException or TimeoutException or SmtpCommandException or SmtpProtocolException
                                               or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException)
                {
                    logger.LogWarning(ex, "Could not send outbox message {Id} to {To}; will retry.", message.Id, message.To);
                    message.MarkFailed(ex.Message);
                }
                await db.SaveChangesAsync(ct);
            }
            return sent;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private MimeMessage ToMime(Caf.Data.Entities.OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@cafgrants";
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }

    private async Task SendAsync(MimeMessage mime, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.SmtpHost))
        {
            var folder = Path.IsPathRooted(o.PickupFolder) ? o.PickupFolder : Path.Combine(environment.ContentRootPath, o.PickupFolder);
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{(mime.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml"), ct);
            return;
        }
        // A person is waiting on the first attempt: give up quickly and leave the message to the outbox job.
        using var smtp = new SmtpClient { Timeout = 10_000 };
        await smtp.ConnectAsync(o.SmtpHost, o.SmtpPort, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(o.UserName)) await smtp.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await smtp.SendAsync(mime, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Quartz job sending what the outbox holds, for messages whose first attempt failed.</summary>
[DisallowConcurrentExecution]
internal sealed class OutboxJob(OutboxDispatcher dispatcher) : IJob
{
    public const string Name = "email-outbox";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await dispatcher.DispatchPendingAsync(cancellationToken);
}
