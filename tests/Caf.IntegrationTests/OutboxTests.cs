using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.IntegrationTests;

/// <summary>A message that cannot be sent is set aside with its reason; the queue moves on; an administrator sends it again.</summary>
public abstract class OutboxTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private Task<int> DispatchAsync() =>
        factory.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_poison_message_is_set_aside_with_its_reason_and_the_next_one_is_delivered()
    {
        await factory.ResetAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var marker = $"Delivered{Guid.NewGuid():N}";
        // An unterminated quote: MimeKit cannot read it however lenient it is.
        const string unreadable = "\"unterminated@example.org";
        Assert.False(MimeKit.MailboxAddress.TryParse(unreadable, out _));
        var (poison, good) = await factory.WithDbAsync(async db =>
        {
            // The oldest first: before the fix, it stopped every run at this message.
            var p = new OutboxMessage(unreadable, "Reset your password", "token=SECRET-RESET-TOKEN", now.AddSeconds(-2));
            var g = new OutboxMessage("someone@example.org", marker, $"Body {marker}", now.AddSeconds(-1));
            db.Outbox.AddRange(p, g);
            await db.SaveChangesAsync();
            return (p.Id, g.Id);
        });

        Assert.Equal(1, await DispatchAsync());

        var messages = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id));
        Assert.NotNull(messages[good].SentAtUtc);
        Assert.Null(messages[poison].SentAtUtc);
        Assert.NotNull(messages[poison].FailedAtUtc);
        Assert.Contains("address cannot be read", messages[poison].LastError);
        Assert.True(await SentMail.FindAsync(factory, marker) is not null, "The good message did not reach the mail server.");
        // Set aside, it is not tried again.
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(1, (await factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == poison))).Attempts);
    }

    [Fact]
    public async Task A_queue_longer_than_a_batch_is_sent_in_one_run_each_message_once()
    {
        await factory.ResetAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var marker = $"Queued{Guid.NewGuid():N}";
        // Two and a half batches, as a rush or a restart after a crash leaves them; one unreadable among them.
        var ids = await factory.WithDbAsync(async db =>
        {
            var queued = Enumerable.Range(0, 125)
                .Select(i => new OutboxMessage(i == 60 ? "\"unterminated@example.org" : $"queued-{i}@example.org", $"{marker} {i}", $"Body {i}", now.AddMilliseconds(-200 + i)))
                .ToList();
            db.Outbox.AddRange(queued);
            await db.SaveChangesAsync();
            return queued.Select(m => m.Id).ToList();
        });

        Assert.True(await DispatchAsync() >= 124);

        var messages = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.Equal(124, messages.Count(m => m.SentAtUtc is not null && m.Attempts <= 1));
        Assert.Single(messages, m => m.FailedAtUtc is not null);
        var delivered = await SentMail.DeliveriesAsync(factory.MailFolder, ids.Where((_, i) => i != 60).ToList(), TimeSpan.FromSeconds(30));
        Assert.All(delivered, d => Assert.True(d.Value == 1, $"<{d.Key:N}@cafgrants> reached the mail server {d.Value} times."));
        Assert.Equal(0, await DispatchAsync());
    }

    [Fact]
    public async Task Administrators_see_failed_messages_without_their_body_and_send_one_again()
    {
        await factory.ResetAsync();
        var marker = $"Resent{Guid.NewGuid():N}";
        var id = await factory.WithDbAsync(async db =>
        {
            var m = new OutboxMessage("focal.point@example.org", marker, "token=SECRET-RESET-TOKEN", factory.Clock.GetUtcNow().UtcDateTime);
            m.MarkAttemptFailed("Mailbox unavailable", permanent: true, factory.Clock.GetUtcNow().UtcDateTime);
            db.Outbox.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

        using (var isu = await _journey.SignInAsync(GrantJourney.Isu))
        {
            Assert.Contains("/Account/AccessDenied", (await isu.Client.GetAsync("/Admin/Outbox")).Headers.Location?.OriginalString);
            var refused = await isu.PostFormAsync("/Admin/Outbox", new() { ["id"] = id.ToString() }, "Resend");
            Assert.Contains("/Account/AccessDenied", refused.Headers.Location?.OriginalString);
            Assert.NotNull((await factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id))).FailedAtUtc);
        }

        using var admin = await _journey.SignInAsync("admin@caf.demo");
        var (status, page) = await admin.GetAsync("/Admin/Outbox");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("focal.point@example.org", page);
        Assert.Contains(marker, page);
        Assert.Contains("Mailbox unavailable", page);
        Assert.DoesNotContain("SECRET-RESET-TOKEN", page);

        await GrantJourney.ExpectRedirectAsync(admin.PostFormAsync("/Admin/Outbox", new() { ["id"] = id.ToString() }, "Resend"), "resend");

        var resent = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.NotNull(resent.SentAtUtc);
        Assert.Null(resent.FailedAtUtc);
        Assert.True(await SentMail.FindAsync(factory, marker) is not null, "The resent message did not reach the mail server.");
        Assert.Contains("email.resent", await factory.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));
        Assert.DoesNotContain(marker, (await admin.GetAsync("/Admin/Outbox")).Html);
    }

    [Fact]
    public async Task A_dispatcher_stopped_mid_batch_and_started_again_delivers_every_message_exactly_once()
    {
        await factory.ResetAsync();
        var ids = await QueueAsync(100);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = NewDispatcher();
        var running = first.DispatchPendingAsync(stop.Token);
        // Stopped once a few messages have gone: the one being sent is sent and marked, the rest wait.
        while (await factory.WithDbAsync(db => db.Outbox.CountAsync(m => ids.Contains(m.Id) && m.SentAtUtc != null)) < 5 && !running.IsCompleted)
            await Task.Delay(5, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var afterStop = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.InRange(afterStop.Count(m => m.SentAtUtc != null), 5, 99);
        Assert.All(afterStop, m => Assert.Null(m.ClaimedUntilUtc));

        // Started again (a new node, nothing in memory): the rest go, and nothing twice.
        var restarted = NewDispatcher();
        var (rest, batch) = (0, 0);
        do rest += batch = await restarted.DispatchPendingAsync(TestContext.Current.CancellationToken); while (batch > 0);
        Assert.Equal(100 - afterStop.Count(m => m.SentAtUtc != null), rest);
        await AssertDeliveredOnceEachAsync(ids);
    }

    private OutboxDispatcher NewDispatcher() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services);

    /// <summary>Queues <paramref name="count"/> messages to addresses of their own, as actions do; returns their ids.</summary>
    private protected Task<List<Guid>> QueueAsync(int count) => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var batch = Guid.NewGuid().ToString("N")[..8];
        var messages = Enumerable.Range(0, count)
            .Select(i => new OutboxMessage($"queue-{batch}-{i}@example.org", $"Message {i} of {batch}", $"Body {i}", now.AddMilliseconds(i))).ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    });

    /// <summary>Every message marked sent once, and found exactly once on the mail server by its Message-ID.</summary>
    private protected async Task AssertDeliveredOnceEachAsync(IReadOnlyCollection<Guid> ids)
    {
        var messages = await factory.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
        Assert.All(messages, m => Assert.Equal((true, 1), (m.SentAtUtc is not null, m.Attempts)));
        var delivered = await SentMail.DeliveriesAsync(factory.MailFolder, ids, TimeSpan.FromSeconds(15));
        Assert.All(delivered, d => Assert.True(d.Value == 1, $"<{d.Key:N}@cafgrants> reached the mail server {d.Value} times."));
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteOutboxTests(SqliteAppFactory factory) : OutboxTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresOutboxTests(PostgresAppFactory factory) : OutboxTests(factory)
{
    [Fact]
    public async Task Two_dispatchers_on_one_PostgreSQL_database_deliver_each_message_once()
    {
        await factory.ResetAsync();
        var ids = await QueueAsync(40);
        // Two nodes, each its own dispatcher and connection, started together on the same queue.
        var nodes = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services)).ToList();
        var sent = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.DispatchPendingAsync(TestContext.Current.CancellationToken))));
        Assert.Equal(40, sent.Sum());
        await AssertDeliveredOnceEachAsync(ids);
    }
}
