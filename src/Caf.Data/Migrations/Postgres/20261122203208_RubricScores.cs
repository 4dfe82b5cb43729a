using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RubricScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CriteriaJson",
                table: "CommitteeScores",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "CommitteeScores",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "RubricVersion",
                table: "CommitteeScores",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<decimal>(
                name: "WeightedScore",
                table: "CommitteeScores",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            // Scores given before rubrics: the one overall level on every criterion of rubric version 1.
            migrationBuilder.Sql(@"UPDATE ""CommitteeScores"" SET ""WeightedScore"" = ""Score"", ""CriteriaJson"" = '[' || '{""Code"":""relevance"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ',' || '{""Code"":""learning"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ',' || '{""Code"":""feasibility"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ',' || '{""Code"":""gender"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ',' || '{""Code"":""cost"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ',' || '{""Code"":""follow-up"",""Score"":' || CAST(""Score"" AS TEXT) || ',""Comment"":null}' || ']';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CriteriaJson",
                table: "CommitteeScores");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "CommitteeScores");

            migrationBuilder.DropColumn(
                name: "RubricVersion",
                table: "CommitteeScores");

            migrationBuilder.DropColumn(
                name: "WeightedScore",
                table: "CommitteeScores");
        }
    }
}
