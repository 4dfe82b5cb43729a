using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GenderChecklists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChecklistVersion",
                table: "GenderReviews",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "ItemText",
                table: "GenderChecklistAnswer",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Tag",
                table: "GenderChecklistAnswer",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "GenderChecklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenderChecklists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GenderChecklistItem",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChecklistId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Tag = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GenderChecklistItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GenderChecklistItem_GenderChecklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "GenderChecklists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GenderChecklistItem_ChecklistId_Position",
                table: "GenderChecklistItem",
                columns: new[] { "ChecklistId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GenderChecklists_Version",
                table: "GenderChecklists",
                column: "Version",
                unique: true);

            GenderChecklistVersion1.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GenderChecklistItem");

            migrationBuilder.DropTable(
                name: "GenderChecklists");

            migrationBuilder.DropColumn(
                name: "ChecklistVersion",
                table: "GenderReviews");

            migrationBuilder.DropColumn(
                name: "ItemText",
                table: "GenderChecklistAnswer");

            migrationBuilder.DropColumn(
                name: "Tag",
                table: "GenderChecklistAnswer");
        }
    }
}
