namespace Caf.Data.Entities;

/// <summary>Who is to be invited: the address the link goes to and the name others will see.</summary>
public sealed record InvitationRequest(string? Email, string? DisplayName)
{
    public const int EmailMaxLength = 256;
    public const int DisplayNameMaxLength = 200;

    /// <summary>Every rule the request breaks, by field (Email, DisplayName); empty when the person can be invited.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        var email = Email?.Trim() ?? "";
        if (email.Length == 0) problems.Add((nameof(Email), DomainText.Get("Invitation.NeedEmail")));
        else if (!LooksLikeAnEmailAddress(email)) problems.Add((nameof(Email), DomainText.Get("Invitation.BadEmail")));
        else if (email.Length > EmailMaxLength) problems.Add((nameof(Email), DomainText.Get("Invitation.EmailTooLong", EmailMaxLength)));
        var name = DisplayName?.Trim() ?? "";
        if (name.Length == 0) problems.Add((nameof(DisplayName), DomainText.Get("Invitation.NeedName")));
        else if (name.Length > DisplayNameMaxLength) problems.Add((nameof(DisplayName), DomainText.Get("Invitation.NameTooLong", DisplayNameMaxLength)));
        // A line break in a name would travel into the greeting of every email the person receives.
        else if (name.Any(char.IsControl)) problems.Add((nameof(DisplayName), DomainText.Get("Invitation.NameOneLine")));
        return problems;
    }

    /// <summary>One @, with something before and after it, on one line (what a form's email check accepts).</summary>
    public static bool LooksLikeAnEmailAddress(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Contains('\r', StringComparison.Ordinal)
            && !value.Contains('\n', StringComparison.Ordinal);
    }
}
