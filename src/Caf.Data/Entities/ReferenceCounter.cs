namespace Caf.Data.Entities;

/// <summary>The last application number given in a year; incremented under a concurrency token so numbers never repeat.</summary>
public sealed class ReferenceCounter
{
    private ReferenceCounter() { }

    public ReferenceCounter(int year) => Year = year;

    public int Year { get; private set; }
    public int LastNumber { get; private set; }

    public string Next()
    {
        LastNumber++;
        return $"CAF-{Year}-{LastNumber:000}";
    }
}
