using Microsoft.EntityFrameworkCore.Migrations;

namespace Caf.Data.Migrations;

/// <summary>
/// Version 1 of the scoring rubric (DESIGN.md §5), written by the Initial migration of every provider. Literal on
/// purpose: a migration must say the same thing whatever the entity code later becomes.
/// </summary>
internal static class ScoringRubricVersion1
{
    private static readonly Guid RubricId = new("3b0e5c7a-2f64-4c1d-8e0a-5a7d9c1e0001");

    private static readonly string[] Levels =
    [
        "weak: the proposal does not show this",
        "limited: shown in part, with important gaps",
        "adequate: shown, with some gaps",
        "good: clearly shown",
        "excellent: shown convincingly, with evidence",
    ];

    private static readonly (string Code, string Name, int Weight)[] Criteria =
    [
        ("relevance", "Relevance to the Convention and its action plan", 25),
        ("learning", "South-South learning value", 20),
        ("feasibility", "Feasibility and national ownership", 15),
        ("gender", "Gender and diversity", 15),
        ("cost", "Cost-effectiveness", 15),
        ("follow-up", "Follow-up and sustainability", 10),
    ];

    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.InsertData("ScoringRubrics", ["Id", "Version", "CreatedAtUtc", "CreatedBy"],
            [RubricId, 1, new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc), "system"]);
        for (var i = 0; i < Criteria.Length; i++)
            migrationBuilder.InsertData("ScoringRubricCriterion",
                ["Id", "RubricId", "Position", "Code", "Name", "Weight", "Level1", "Level2", "Level3", "Level4", "Level5"],
                [new Guid($"3b0e5c7a-2f64-4c1d-8e0a-5a7d9c1e01{i + 1:00}"), RubricId, i + 1, Criteria[i].Code, Criteria[i].Name,
                    Criteria[i].Weight, Levels[0], Levels[1], Levels[2], Levels[3], Levels[4]]);
    }
}
