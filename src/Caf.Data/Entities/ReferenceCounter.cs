namespace Caf.Data.Entities;

/// <summary>The last application number given in a year; incremented atomically by <see cref="ReferenceNumbers"/>.</summary>
public sealed class ReferenceCounter
{
    private ReferenceCounter() { }

    public ReferenceCounter(int year) => Year = year;

    public int Year { get; private set; }
    public int LastNumber { get; private set; }
}
