using Caf.Data.Auditing;

namespace Caf.Data.Entities;

public enum Sex { Female, Male, NotStated }

/// <summary>A member of the delegation. Sex, age band and disability are self-declared and kept for disaggregated reporting.</summary>
public sealed class Participant : IAudited
{
    private Participant() { }

    internal Participant(string name, string function, string organisation, Sex sex, AgeBand ageBand = AgeBand.NotStated,
        Disability disability = Disability.NotStated)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException(DomainText.Get("Proposal.EachParticipantNeedsName"), nameof(Name));
        Id = Guid.NewGuid();
        Name = name.Trim();
        Function = function.Trim();
        Organisation = organisation.Trim();
        Sex = sex;
        AgeBand = ageBand;
        Disability = disability;
    }

    /// <summary>What stands where a name was erased at the person's request (ADR 0028).</summary>
    public const string ErasedName = "(name erased)";

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    /// <summary>The person's name: their own data, erasable on request without breaking the audit trail (ADR 0028).</summary>
    [AuditedAsPersonal]
    public string Name { get; private set; } = "";
    public string Function { get; private set; } = "";
    public string Organisation { get; private set; } = "";
    public Sex Sex { get; private set; }
    public AgeBand AgeBand { get; private set; }
    public Disability Disability { get; private set; }

    public bool IsErased => Name == ErasedName;

    /// <summary>
    /// Erases the person's name at their request: their function, organisation, sex, age band and disability stay, so the
    /// delegation still counts for the fund's disaggregated reporting without saying who they were.
    /// </summary>
    internal void EraseName() => Name = ErasedName;
}
