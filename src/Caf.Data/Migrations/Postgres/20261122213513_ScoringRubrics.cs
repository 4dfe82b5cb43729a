using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScoringRubrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScoringRubrics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringRubrics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoringRubricCriterion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RubricId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    Level1 = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Level2 = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Level3 = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Level4 = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Level5 = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringRubricCriterion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoringRubricCriterion_ScoringRubrics_RubricId",
                        column: x => x.RubricId,
                        principalTable: "ScoringRubrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRubricCriterion_RubricId_Code",
                table: "ScoringRubricCriterion",
                columns: new[] { "RubricId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRubricCriterion_RubricId_Position",
                table: "ScoringRubricCriterion",
                columns: new[] { "RubricId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRubrics_Version",
                table: "ScoringRubrics",
                column: "Version",
                unique: true);

            ScoringRubricVersion1.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScoringRubricCriterion");

            migrationBuilder.DropTable(
                name: "ScoringRubrics");
        }
    }
}
