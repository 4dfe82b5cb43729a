namespace Caf.Data.Entities;

public enum Sex { Female, Male, NotStated }

/// <summary>A member of the delegation. Sex, age band and disability are self-declared and kept for disaggregated reporting.</summary>
public sealed class Participant : IAudited
{
    private Participant() { }

    internal Participant(string name, string function, string organisation, Sex sex, AgeBand ageBand = AgeBand.NotStated,
        Disability disability = Disability.NotStated)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Each participant needs a name.", nameof(Name));
        Id = Guid.NewGuid();
        Name = name.Trim();
        Function = function.Trim();
        Organisation = organisation.Trim();
        Sex = sex;
        AgeBand = ageBand;
        Disability = disability;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string Name { get; private set; } = "";
    public string Function { get; private set; } = "";
    public string Organisation { get; private set; } = "";
    public Sex Sex { get; private set; }
    public AgeBand AgeBand { get; private set; }
    public Disability Disability { get; private set; }
}
