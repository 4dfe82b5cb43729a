namespace Caf.Data.Entities;

/// <summary>A state, with whether it is party to the Convention. Reference data.</summary>
public sealed class StateParty : IAudited
{
    private StateParty() { }

    public StateParty(string isoCode, string name, bool isStateParty)
    {
        if (isoCode.Length != 3) throw new DomainException(DomainText.Get("StateParty.IsoThreeLetters"));
        Id = Guid.NewGuid();
        IsoCode = isoCode.ToUpperInvariant();
        Name = name;
        IsStateParty = isStateParty;
    }

    public Guid Id { get; private set; }
    public string IsoCode { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The French and Spanish names, from the latest States Parties import (null until one is made).</summary>
    public string? NameFr { get; private set; }
    public string? NameEs { get; private set; }
    public bool IsStateParty { get; private set; }

    /// <summary>The state's name in <paramref name="language"/> ("fr", "es"), as the latest import gives it; in English otherwise.</summary>
    public string NameIn(string language) => language switch
    {
        "fr" when !string.IsNullOrWhiteSpace(NameFr) => NameFr,
        "es" when !string.IsNullOrWhiteSpace(NameEs) => NameEs,
        _ => Name,
    };

    /// <summary>Takes the names and party status of the latest import; the dated history stays in its <see cref="StatePartyRecord"/>.</summary>
    internal void UpdateFrom(StatePartyRecord record)
    {
        if (record.IsoCode != IsoCode) throw new DomainException(DomainText.Get("StateParty.OtherRecord", record.IsoCode, IsoCode));
        Name = record.NameEn;
        NameFr = record.NameFr;
        NameEs = record.NameEs;
        IsStateParty = record.IsStateParty;
    }
}
