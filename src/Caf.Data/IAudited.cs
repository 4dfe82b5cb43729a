namespace Caf.Data;

/// <summary>Marks business data whose every create, update and delete is written to the audit trail.</summary>
public interface IAudited
{
    Guid Id { get; }
}
