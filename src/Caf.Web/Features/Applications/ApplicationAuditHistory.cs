using System.Text.Json;
using Caf.Data;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Features.Applications;

/// <summary>One line of an application's audit history: when, who, and what they did, in words.</summary>
public sealed record AuditHistoryLine(long Sequence, DateTime AtUtc, string Person, string What);

/// <summary>
/// An application's own records of the audit trail in plain words, for staff on its page (issue 13): the same records
/// the Auditor filters and verifies, newest first, the latest <see cref="Shown"/>.
/// </summary>
internal static class ApplicationAuditHistory
{
    public const int Shown = 20;

    public static async Task<(IReadOnlyList<AuditHistoryLine> Lines, bool More)> ReadAsync(CafDbContext db, Guid applicationId, Func<string, string> stageLabel,
        CancellationToken ct)
    {
        var id = applicationId.ToString();
        var records = await db.AuditEvents.AsNoTracking().Where(e => e.EntityId == id).OrderByDescending(e => e.Sequence).Take(Shown + 1)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.UserName, e.Action, e.Details }).ToListAsync(ct);
        return ([.. records.Take(Shown).Select(r => new AuditHistoryLine(r.Sequence, r.OccurredAtUtc, Who(r.UserName), Describe(r.Action, r.Details, stageLabel)))],
            records.Count > Shown);
    }

    /// <summary>Who made a record: a person's sign-in name, or the application itself ("system", "anonymous") in words.</summary>
    private static string Who(string userName) => userName switch
    {
        "system" => InterfaceLanguage.Text("History.System"),
        "anonymous" => InterfaceLanguage.Text("History.Anonymous"),
        _ => userName,
    };

    /// <summary>What a record says happened, in words: a stage change with its stages, a change with the fields it changed, a download.</summary>
    internal static string Describe(string action, string? details, Func<string, string> stageLabel)
    {
        using var json = Parse(details);
        var root = json?.RootElement;
        string? Field(string name) => root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return action switch
        {
            "stage.changed" => InterfaceLanguage.Format("History.Moved", stageLabel(Field("from") ?? "?"), stageLabel(Field("to") ?? "?")) +
                               (Field("comment") is { Length: > 0 } comment ? $": “{comment}”" : ""),
            "GrantApplication.created" => InterfaceLanguage.Text("History.Created"),
            "GrantApplication.updated" => InterfaceLanguage.Format("History.Changed", Fields(root)),
            "signed-agreement.downloaded" => InterfaceLanguage.Text("History.AgreementDownloaded"),
            "grant-ledger.exported" => InterfaceLanguage.Text("History.LedgerDownloaded"),
            "bank-details.revealed" => InterfaceLanguage.Text("History.BankDetailsShown"),
            _ => action,
        };
    }

    /// <summary>The fields a change names, in words ("Title, Requested amount"); property names made readable.</summary>
    private static string Fields(JsonElement? root)
    {
        if (root is not { ValueKind: JsonValueKind.Object } changes) return InterfaceLanguage.Text("History.It");
        var names = changes.EnumerateObject().Select(p => FieldName(p.Name)).ToList();
        return names.Count == 0 ? InterfaceLanguage.Text("History.Nothing")
            : string.Join(", ", names.Take(6)) + (names.Count > 6 ? InterfaceLanguage.Format("History.AndMore", names.Count - 6) : "");
    }

    /// <summary>An application's property in words, in the page's language ("Property.SubmittedAtUtc"); else its name made readable.</summary>
    private static string FieldName(string property)
    {
        return InterfaceLanguage.TextOr($"Property.{property.Split('.')[0]}",
            Infrastructure.PlainBindingMessages.Label(property.Replace(".", " ", StringComparison.Ordinal), lower: true));
    }

    private static JsonDocument? Parse(string? details)
    {
        if (string.IsNullOrWhiteSpace(details)) return null;
        try
        {
            return JsonDocument.Parse(details);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
