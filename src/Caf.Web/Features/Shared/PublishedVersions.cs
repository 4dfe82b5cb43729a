namespace Caf.Web.Features.Shared;

/// <summary>
/// Forms that publish the next version of a checklist or rubric start from the latest one. Publishing such a form after
/// someone else published a newer version would quietly undo that version, so the form says which version it was based on.
/// </summary>
internal static class PublishedVersions
{
    /// <summary>Null when the form is based on the latest version; otherwise what to tell the person. <paramref name="listPage"/>: the key of the list page's name.</summary>
    public static string? StaleFormMessage(int basedOn, int? latestVersion, string? latestBy, string listPage)
    {
        var latest = latestVersion ?? 0;
        if (latest == basedOn) return null;
        // Only a version between the first and the latest can have been the latest when the form was opened.
        if (basedOn < 1 || basedOn > latest)
            return InterfaceLanguage.Format("Versions.NeverPublished", basedOn, latest, InterfaceLanguage.Text(listPage));
        return InterfaceLanguage.Format("Versions.PublishedMeanwhile", latest, latestBy, InterfaceLanguage.Text(listPage));
    }
}

/// <summary>
/// What publishing the next version of a checklist or rubric did: <paramref name="Version"/> is the version published, or,
/// when someone else published first (409), the latest version the form should now start from.
/// </summary>
public sealed record PublishOutcome(CommandOutcome Outcome, int Version);
