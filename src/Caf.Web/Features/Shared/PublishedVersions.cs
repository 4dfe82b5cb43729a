namespace Caf.Web.Features.Shared;

/// <summary>
/// Forms that publish the next version of a checklist or rubric start from the latest one. Publishing such a form after
/// someone else published a newer version would quietly undo that version, so the form says which version it was based on.
/// </summary>
internal static class PublishedVersions
{
    /// <summary>Null when the form is based on the latest version; otherwise what to tell the person.</summary>
    public static string? StaleFormMessage(int basedOn, int? latestVersion, string? latestBy, string listPage)
    {
        var latest = latestVersion ?? 0;
        if (latest == basedOn) return null;
        // Only a version between the first and the latest can have been the latest when the form was opened.
        if (basedOn < 1 || basedOn > latest)
            return $"This form starts from version {basedOn}, which was never published. It now starts from version {latest}, " +
                   $"the latest on the {listPage} page: check it and publish again.";
        return $"Version {latest} was published by {latestBy} after you opened this form. " +
               $"Check it on the {listPage} page; publish again if this form should still replace it.";
    }
}

/// <summary>
/// What publishing the next version of a checklist or rubric did: <paramref name="Version"/> is the version published, or,
/// when someone else published first (409), the latest version the form should now start from.
/// </summary>
public sealed record PublishOutcome(CommandOutcome Outcome, int Version);
