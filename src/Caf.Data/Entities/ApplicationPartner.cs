namespace Caf.Data.Entities;

public enum PartnerRole { Host, Visiting }

/// <summary>A State Party taking part in an application's exchange, as host or as visiting delegation.</summary>
public sealed class ApplicationPartner : IAudited
{
    private ApplicationPartner() { }

    internal ApplicationPartner(Guid statePartyId, PartnerRole role)
    {
        Id = Guid.NewGuid();
        StatePartyId = statePartyId;
        Role = role;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid StatePartyId { get; private set; }
    public StateParty? StateParty { get; private set; }
    public PartnerRole Role { get; private set; }
}
