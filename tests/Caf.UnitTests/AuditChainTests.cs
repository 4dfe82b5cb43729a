using System.Reflection;
using Caf.Data.Auditing;
using Caf.Data.Entities;

namespace Caf.UnitTests;

public sealed class AuditChainTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Five records stamped and chained the way the audit interceptor does it.</summary>
    private static List<AuditEvent> Chain(int count = 5)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditEvent("application.updated", "GrantApplication", $"app-{i}", $$"""{"title":"v{{i}}"}""");
            e.Stamp(Start.AddSeconds(i), $"user-{i}", $"User {i}", "10.0.0.1", $"corr-{i}");
            e.Chain(i, previous);
            previous = e.Hash;
            events.Add(e);
        }
        return events;
    }

    private static void SetPrivately(AuditEvent e, string property, object? value) =>
        typeof(AuditEvent).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(e, value);

    [Fact]
    public void Chained_records_link_each_hash_to_the_previous_one()
    {
        var events = Chain();

        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Sequence));
        Assert.Equal(AuditChain.Genesis, events[0].PreviousHash);
        for (var i = 1; i < events.Count; i++) Assert.Equal(events[i - 1].Hash, events[i].PreviousHash);
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(5, events.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void An_intact_chain_has_no_break()
    {
        Assert.Null(AuditChain.FindFirstBreak(Chain()));
    }

    [Fact]
    public void An_empty_trail_has_no_break()
    {
        Assert.Null(AuditChain.FindFirstBreak([]));
    }

    [Fact]
    public void Editing_a_records_details_breaks_the_chain_at_that_record()
    {
        var events = Chain();

        SetPrivately(events[2], nameof(AuditEvent.Details), """{"title":"forged"}""");

        Assert.Equal(3, AuditChain.FindFirstBreak(events));
    }

    [Theory]
    [InlineData(nameof(AuditEvent.UserName), "Someone else")]
    [InlineData(nameof(AuditEvent.Action), "application.deleted")]
    [InlineData(nameof(AuditEvent.EntityId), "app-99")]
    [InlineData(nameof(AuditEvent.IpAddress), "192.168.1.1")]
    public void Editing_any_recorded_field_breaks_the_chain_at_that_record(string property, string value)
    {
        var events = Chain();

        SetPrivately(events[1], property, value);

        Assert.Equal(2, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Editing_a_records_time_breaks_the_chain_at_that_record()
    {
        var events = Chain();

        SetPrivately(events[3], nameof(AuditEvent.OccurredAtUtc), Start.AddHours(-1));

        Assert.Equal(4, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Rehashing_an_edited_record_breaks_the_chain_at_the_next_record()
    {
        var events = Chain();

        SetPrivately(events[2], nameof(AuditEvent.Details), """{"title":"forged"}""");
        events[2].Chain(3, events[1].Hash);

        Assert.Equal(4, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Removing_a_record_from_the_middle_breaks_the_chain_where_it_was()
    {
        var events = Chain();

        events.RemoveAt(2);

        Assert.Equal(3, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Removing_the_first_record_breaks_the_chain_at_the_start()
    {
        var events = Chain();

        events.RemoveAt(0);

        Assert.Equal(1, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Removing_a_record_and_renumbering_the_rest_breaks_the_chain_where_it_was()
    {
        var events = Chain();
        events.RemoveAt(2);

        SetPrivately(events[2], nameof(AuditEvent.Sequence), 3L);
        SetPrivately(events[3], nameof(AuditEvent.Sequence), 4L);

        Assert.Equal(3, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Swapping_two_records_breaks_the_chain_at_the_first_of_them()
    {
        var events = Chain();

        (events[1], events[2]) = (events[2], events[1]);

        Assert.Equal(2, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Swapping_two_records_and_their_sequence_numbers_breaks_the_chain_at_the_first_of_them()
    {
        var events = Chain();
        (events[1], events[2]) = (events[2], events[1]);

        SetPrivately(events[1], nameof(AuditEvent.Sequence), 2L);
        SetPrivately(events[2], nameof(AuditEvent.Sequence), 3L);

        Assert.Equal(2, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void Inserting_a_record_breaks_the_chain_where_it_was_inserted()
    {
        var events = Chain();
        var forged = new AuditEvent("application.updated", "GrantApplication", "app-x", "{}");
        forged.Stamp(Start, "user-x", "User X", null, null);
        forged.Chain(3, events[1].Hash);

        events.Insert(2, forged);

        Assert.Equal(4, AuditChain.FindFirstBreak(events));
    }

    [Fact]
    public void The_hash_is_the_same_whenever_it_is_computed()
    {
        var e = Chain(1)[0];

        Assert.Equal(e.Hash, AuditChain.ComputeHash(e));
    }
}
