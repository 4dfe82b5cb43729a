namespace Caf.Web.Features.Shared;

/// <summary>
/// Forms that publish the next version of a checklist or rubric start from the latest one. Publishing such a form after
/// someone else published a newer version would quietly undo that version, so the form says which version it was based on.
/// </summary>
internal static class PublishedVersions
{
    /// <summary>Null when the form is based on the latest version; otherwise what to tell the person.</summary>
    public static string? StaleFormMessage(int basedOn, int? latestVersion, string? latestBy, string listPage) =>
        (latestVersion ?? 0) == basedOn
            ? null
            : $"Version {latestVersion} was published by {latestBy} after you opened this form. " +
              $"Check it on the {listPage} page; publish again if this form should still replace it.";
}
