namespace Caf.Data;

/// <summary>A business rule was broken. The message is written for the person who tried.</summary>
public sealed class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The form field the message is about, when there is one.</summary>
    public string? Field { get; } = field;
}
