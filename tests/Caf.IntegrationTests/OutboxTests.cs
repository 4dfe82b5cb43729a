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
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteOutboxTests(SqliteAppFactory factory) : OutboxTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresOutboxTests(PostgresAppFactory factory) : OutboxTests(factory);
