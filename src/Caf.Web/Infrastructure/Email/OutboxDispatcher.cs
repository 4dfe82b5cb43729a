using System.Diagnostics;
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
/// Sends the outbox: each waiting message in its own save, marking it sent, or its error with a back-off, or — after
/// bounded attempts, or at once when it can never be sent — failed, so one bad message never holds up the others.
/// A message is claimed with a conditional UPDATE before it is sent, so two nodes never send it twice.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock,
    IHostEnvironment environment, ILogger<OutboxDispatcher> logger) : IDisposable
{
    /// <summary>Long enough to send one message; a node that died while sending releases its claim after this.</summary>
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public void Dispose() => _oneAtATime.Dispose();

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
            InfrastructureLog.OutboxNotSentYet(logger, ex);
        }
    }

    /// <summary>
    /// Sends what is waiting after the answer has gone, without keeping the person waiting: used where the time an
    /// answer takes must not tell whether an email was written (forgot-password).
    /// </summary>
    public void SendSoon() => _ = Task.Run(() => TrySendNowAsync(CancellationToken.None));

    /// <summary>How many messages one pass claims and sends before it looks again.</summary>
    private const int Batch = 50;

    /// <summary>How long one run keeps sending while more is waiting: under the outbox job's 30-second interval.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sends what is waiting, batch after batch while a whole batch was due, for at most <see cref="Budget"/>: a queue
    /// that built up (a deadline's rush, a restart after a crash) drains in one run rather than fifty messages every
    /// interval (found by the crash and two-nodes scenarios, issue 16). Each pass leaves none of its messages due again:
    /// each is sent, or waits for its next attempt, or failed, or is claimed by another node.
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var sent = 0;
            while (true)
            {
                var (passSent, due) = await DispatchPassAsync(ct);
                sent += passSent;
                if (due < Batch || Stopwatch.GetElapsedTime(started) > Budget) return sent;
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<(int Sent, int Due)> DispatchPassAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CafDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(m => m.SentAtUtc == null && m.FailedAtUtc == null
                                             && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now)
                                             && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .OrderBy(m => m.CreatedAtUtc).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            // Stopping (a shutdown) happens between messages, never between sending one and marking it sent: a message
            // claimed is sent and marked whatever the token says, so stopping and starting again sends nothing twice.
            ct.ThrowIfCancellationRequested();
            now = clock.GetUtcNow().UtcDateTime;
            // The claim: only one node's UPDATE finds the row unclaimed.
            var claimed = await db.Outbox.Where(m => m.Id == id && m.SentAtUtc == null && m.FailedAtUtc == null
                                                     && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntilUtc, now + ClaimFor), CancellationToken.None);
            if (claimed == 0) continue;
            var message = await db.Outbox.SingleAsync(m => m.Id == id, CancellationToken.None);
            try
            {
                await SendAsync(ToMime(message), CancellationToken.None);
                message.MarkSent(clock.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception ex)
            {
                // A recipient MimeKit cannot read never becomes readable: give up at once. Anything else (the
                // server, the network, a setting an administrator can correct) is tried again later.
                var permanent = ex is RecipientUnreadableException;
                InfrastructureLog.OutboxMessageFailed(logger, ex, message.Id, permanent ? "giving up" : "will retry");
                message.MarkAttemptFailed(ex.Message, permanent, clock.GetUtcNow().UtcDateTime);
            }
            message.ReleaseClaim();
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return (sent, due.Count);
    }

    private sealed class RecipientUnreadableException(string message, Exception inner) : Exception(message, inner);

    private MimeMessage ToMime(Caf.Data.Entities.OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        try
        {
            mime.To.Add(MailboxAddress.Parse(message.To));
        }
        catch (ParseException ex)
        {
            throw new RecipientUnreadableException($"The recipient's address cannot be read: {ex.Message}", ex);
        }
        mime.Subject = message.Subject;
        mime.MessageId = $"{message.Id:N}@cafgrants";
        var text = new TextPart("plain") { Text = message.Body };
        mime.Body = message.HtmlBody is { } html ? new MultipartAlternative { text, new TextPart("html") { Text = html } } : text;
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
internal sealed class OutboxJob(OutboxDispatcher dispatcher, ILogger<OutboxJob> logger) : IJob
{
    public const string Name = "email-outbox";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await OutageTolerantJob.RunAsync(logger, Name, () => dispatcher.DispatchPendingAsync(cancellationToken));
}
