namespace Caf.Data.Entities;

/// <summary>A state, with whether it is party to the Convention. Reference data.</summary>
public sealed class StateParty : IAudited
{
    private StateParty() { }

    public StateParty(string isoCode, string name, bool isStateParty)
    {
        if (isoCode.Length != 3) throw new DomainException("A state's ISO code has three letters, for example KHM.");
        Id = Guid.NewGuid();
        IsoCode = isoCode.ToUpperInvariant();
        Name = name;
        IsStateParty = isStateParty;
    }

    public Guid Id { get; private set; }
    public string IsoCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IsStateParty { get; private set; }
}
