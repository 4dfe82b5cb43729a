using System.Text.Json;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// What one transaction writes for each transition, checked across a whole database: the instance's history row and its
/// "stage.changed" audit record, always both or neither, the instance's stage and revision at its last history row.
/// A transition with some of these and not the others is half-done.
/// </summary>
internal static class TransitionRecords
{
    /// <summary>Every half-done transition found, in words; empty when each application's records agree.</summary>
    public static Task<List<string>> HalfDoneAsync(CafAppFactory factory) => factory.WithDbAsync(async db =>
    {
        var applications = await db.Applications.AsNoTracking()
            .Select(a => new { a.Id, a.WorkflowInstanceId, a.Workflow!.Stage, a.Workflow.Revision }).ToListAsync();
        var history = (await db.WorkflowTransitions.AsNoTracking()
                .Select(t => new { t.InstanceId, t.Sequence, t.Trigger, t.ToStage }).ToListAsync())
            .ToLookup(t => t.InstanceId);
        var audited = (await db.AuditEvents.AsNoTracking().Where(e => e.Action == "stage.changed" && e.EntityType == nameof(GrantApplication))
                .Select(e => new { e.EntityId, e.Details }).ToListAsync())
            .ToLookup(e => e.EntityId ?? "", e => JsonDocument.Parse(e.Details!).RootElement.GetProperty("trigger").GetString()!);
        var problems = new List<string>();
        foreach (var a in applications)
        {
            var rows = history[a.WorkflowInstanceId].OrderBy(t => t.Sequence).ToList();
            var fromHistory = rows.Select(r => r.Trigger).Order(StringComparer.Ordinal).ToList();
            var fromAudit = audited[a.Id.ToString()].Order(StringComparer.Ordinal).ToList();
            if (!fromHistory.SequenceEqual(fromAudit))
                problems.Add($"{a.Id}: history [{string.Join(", ", fromHistory)}] but audit [{string.Join(", ", fromAudit)}]");
            if (rows.Count != a.Revision || !rows.Select(r => r.Sequence).SequenceEqual(Enumerable.Range(1, rows.Count)))
                problems.Add($"{a.Id}: revision {a.Revision} but history sequences [{string.Join(", ", rows.Select(r => r.Sequence))}]");
            if (rows.Count > 0 && rows[^1].ToStage != a.Stage)
                problems.Add($"{a.Id}: at {a.Stage} but its last history row went to {rows[^1].ToStage}");
        }
        return problems;
    });
}
