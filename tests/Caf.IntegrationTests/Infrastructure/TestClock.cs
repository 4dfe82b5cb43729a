namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Real time moved by an offset; or, once frozen, a fixed moment that moves only when the test says so.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;
    private long _frozenTicks = -1;

    public override DateTimeOffset GetUtcNow() => Interlocked.Read(ref _frozenTicks) is var frozen and >= 0
        ? new DateTimeOffset(frozen, TimeSpan.Zero)
        : DateTimeOffset.UtcNow + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (Interlocked.Read(ref _frozenTicks) >= 0) Interlocked.Add(ref _frozenTicks, by.Ticks);
        else Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>
    /// A running clock back to the real time: each test on a shared app starts from today, whatever the one before it
    /// advanced. A clock stopped with <see cref="FreezeAt"/> stays where it was put.
    /// </summary>
    public void ResetOffset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>Stops the clock at <paramref name="utc"/>, so that an edge (a deadline) is tested exactly however slow the machine.</summary>
    public void FreezeAt(DateTime utc) => Interlocked.Exchange(ref _frozenTicks, DateTime.SpecifyKind(utc, DateTimeKind.Utc).Ticks);
}
