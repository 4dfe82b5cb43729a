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

    /// <summary>The person chooses the language CafGrants writes to them in; audited.</summary>
    public Task<CommandOutcome> ChooseLanguageAsync(ClaimsPrincipal user, CafUser person, string? language, CancellationToken ct) =>
        actions.RunAsync(user, () =>
        {
            person.ChooseLanguage(language);
            db.AuditEvents.Add(new AuditEvent("user.language-changed", nameof(CafUser), person.Id,
                JsonSerializer.Serialize(new { language })));
            return Task.CompletedTask;
        }, ct);
}
