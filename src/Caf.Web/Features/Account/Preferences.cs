using System.Security.Claims;
using System.Text.Json;
using Caf.Data;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Account;

/// <summary>What a signed-in person chooses for themselves.</summary>
public sealed class Preferences(CafDbContext db, UserActions actions) : IUseCase
{
    /// <summary>The signed-in person, or null when the account no longer exists.</summary>
    public Task<CafUser?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    /// <summary>The optional emails a person in these roles receives; the others do not concern them.</summary>
    /// <remarks>Each is named on the page by its key "Preferences.Optional.{kind}" in the interface's resource files.</remarks>
    public static IReadOnlyList<OptionalEmail> OptionalFor(ClaimsPrincipal user) =>
    [
        .. user.IsInRole(CafRoles.Applicant) ? new[] { OptionalEmail.SubmissionConfirmations, OptionalEmail.ReportReminders } : [],
        .. user.IsInRole(CafRoles.IsuOfficer) ? new[] { OptionalEmail.OverdueEscalations } : [],
    ];

    /// <summary>What is always sent to a person in these roles, because the process needs it.</summary>
    /// <remarks>Each is the key of its text in the interface's resource files.</remarks>
    public static IReadOnlyList<string> RequiredFor(ClaimsPrincipal user) =>
    [
        .. user.IsInRole(CafRoles.Applicant) ? new[] { "Preferences.Required.Decisions", "Preferences.Required.Overdue" } : [],
        "Preferences.Required.Account",
    ];

    /// <summary>
    /// The person chooses the language CafGrants writes to them in and which optional emails they receive (among those of
    /// their roles; the others are left as they were); each change audited.
    /// </summary>
    /// <param name="receive">The optional emails to receive; null leaves them as they were.</param>
    public Task<CommandOutcome> ChooseAsync(ClaimsPrincipal user, CafUser person, string? language, IReadOnlyCollection<OptionalEmail>? receive, CancellationToken ct) =>
        actions.RunAsync(user, () =>
        {
            if (language != person.Language)
            {
                person.ChooseLanguage(language);
                db.AuditEvents.Add(new AuditEvent("user.language-changed", nameof(CafUser), person.Id, JsonSerializer.Serialize(new { language })));
            }
            var optOuts = person.EmailOptOuts;
            foreach (var kind in receive is null ? [] : OptionalFor(user))
                optOuts = receive!.Contains(kind) ? optOuts & ~kind : optOuts | kind;
            if (optOuts != person.EmailOptOuts)
            {
                person.EmailOptOuts = optOuts;
                db.AuditEvents.Add(new AuditEvent("user.emails-chosen", nameof(CafUser), person.Id,
                    JsonSerializer.Serialize(new { turnedOff = optOuts.ToString() })));
            }
            return Task.CompletedTask;
        }, ct);
}
