using Microsoft.AspNetCore.Identity;

namespace Caf.Data.Entities;

/// <summary>A person who signs in. Applicants and committee members belong to a state.</summary>
public sealed class CafUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? StatePartyId { get; set; }
    public StateParty? StateParty { get; set; }
    /// <summary>The language emails and messages are written in for this person: en, fr or es.</summary>
    public string Language { get; set; } = "en";
}
