namespace Caf.Workflows;

/// <summary>
/// The absolute address of a page on the public site, for links in emails: built from configuration, never from a
/// request (ADR 0015). The web host provides it; without a host, asking for one is an error, never a guessed address.
/// </summary>
public interface IPublicLinks
{
    /// <summary>The address of <paramref name="pathAndQuery"/>, which starts with '/'.</summary>
    string Link(string pathAndQuery);
}

internal sealed class NoPublicLinks : IPublicLinks
{
    public string Link(string pathAndQuery) =>
        throw new InvalidOperationException("Links in emails need the web host's public address (App:PublicBaseUrl); none is registered.");
}
