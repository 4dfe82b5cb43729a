using Caf.Data;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;

    [Fact]
    public void A_message_the_server_refuses_is_retried_with_a_growing_backoff_then_set_aside_with_its_reason()
    {
        var message = new OutboxMessage("someone@example.org", "Subject", "Body", Now);
        for (var attempt = 1; attempt < OutboxMessage.MaxAttempts; attempt++)
        {
            message.MarkAttemptFailed("Connection refused", permanent: false, Now);
            Assert.Null(message.FailedAtUtc);
            Assert.Equal(Now.AddMinutes(Math.Pow(2, attempt - 1)), message.NextAttemptAtUtc);
        }

        message.MarkAttemptFailed("Connection refused", permanent: false, Now);

        Assert.Equal(Now, message.FailedAtUtc);
        Assert.Null(message.NextAttemptAtUtc);
        Assert.Equal("Connection refused", message.LastError);
    }

    [Fact]
    public void A_message_that_can_never_be_sent_is_set_aside_at_once_and_can_be_sent_again_from_a_fresh_count()
    {
        var message = new OutboxMessage("broken <address", "Subject", "Body", Now);
        message.MarkAttemptFailed("The recipient's address cannot be read", permanent: true, Now);
        Assert.Equal(Now, message.FailedAtUtc);

        message.Resend();

        Assert.Null(message.FailedAtUtc);
        Assert.Equal(0, message.Attempts);
        Assert.Equal("This message has not failed: it is still waiting to be sent.", Assert.Throws<DomainException>(message.Resend).Message);
    }

    [Fact]
    public void A_message_sent_or_given_up_on_takes_no_further_attempt()
    {
        var sent = new OutboxMessage("someone@example.org", "Subject", "Body", Now);
        sent.MarkSent(Now);
        var failed = new OutboxMessage("broken <address", "Subject", "Body", Now);
        failed.MarkAttemptFailed("The recipient's address cannot be read", permanent: true, Now);

        Assert.Equal("This message was sent already.", Assert.Throws<DomainException>(() => sent.MarkSent(Now)).Message);
        Assert.Equal("This message was sent already.",
            Assert.Throws<DomainException>(() => sent.MarkAttemptFailed("late", permanent: false, Now)).Message);
        Assert.Throws<DomainException>(() => failed.MarkSent(Now));
        Assert.Equal(1, sent.Attempts);
    }
}
