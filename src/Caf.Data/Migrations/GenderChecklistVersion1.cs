using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.Data.Migrations;

/// <summary>
/// Version 1 of the gender checklist (DESIGN.md §5), written by the Initial migration of every provider. Literal on
/// purpose: a migration must say the same thing whatever the entity code later becomes.
/// </summary>
internal static class GenderChecklistVersion1
{
    private static readonly Guid ChecklistId = new("6d1f6a52-7c1e-4f0b-9a51-0c7e2b9d0001");

    private static readonly (string Text, string Tag)[] Items =
    [
        ("Analyses how women, girls, boys and men, and diverse groups, are affected differently.", "Analysis"),
        ("The delegation is gender-balanced, or the imbalance is explained.", "None"),
        ("Objectives and indicators are disaggregated by sex and age.", "None"),
        ("At least one objective or indicator addresses gender equality.", "GenderObjective"),
        ("The budget shows resources for gender and diversity.", "None"),
        ("A do-no-harm / safeguarding check is made.", "DoNoHarm"),
        ("The applicant commits to report gender results.", "None"),
        ("Survivors, persons with disabilities or women's organisations take part.", "None"),
    ];

    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.InsertData("GenderChecklists", ["Id", "Version", "CreatedAtUtc", "CreatedBy"],
            [ChecklistId, 1, new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), "system"]);
        for (var i = 0; i < Items.Length; i++)
            migrationBuilder.InsertData("GenderChecklistItem", ["Id", "ChecklistId", "Position", "Text", "Tag"],
                [new Guid($"6d1f6a52-7c1e-4f0b-9a51-0c7e2b9d01{i + 1:00}"), ChecklistId, i + 1, Items[i].Text, Items[i].Tag]);
    }
}
