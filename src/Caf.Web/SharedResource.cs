namespace Caf.Web;

/// <summary>
/// The interface's text in English, French and Spanish (Resources/SharedResource.resx, .fr.resx, .es.resx), read through
/// <c>IStringLocalizer&lt;SharedResource&gt;</c> by symbolic keys ("Nav.Dashboard"), so that a missing text shows as its key
/// and a test finds it (issue 15).
/// </summary>
public sealed class SharedResource;
