using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportingPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_Applications_GrantApplicationId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_GrantApplicationId",
                table: "Reports");

            // The column a mapped read-only list left behind goes; the narrative is a new column (not a rename: its values are ids).
            migrationBuilder.DropColumn(
                name: "GrantApplicationId",
                table: "Reports");

            migrationBuilder.AddColumn<string>(
                name: "NarrativeJson",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FinalReportDays",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "InterimReportMonths",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InterimNumber",
                table: "Reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FinalReportDays",
                table: "Applications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReportsPlannedAtUtc",
                table: "Applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InterimReportsDue",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterimReportsDue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterimReportsDue_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    NarrativeJson = table.Column<string>(type: "TEXT", nullable: false),
                    SavedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportDrafts_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InterimReportsDue_ApplicationId_Number",
                table: "InterimReportsDue",
                columns: new[] { "ApplicationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportDrafts_ApplicationId_ReportNumber",
                table: "ReportDrafts",
                columns: new[] { "ApplicationId", "ReportNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InterimReportsDue");

            migrationBuilder.DropTable(
                name: "ReportDrafts");

            migrationBuilder.DropColumn(
                name: "FinalReportDays",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "InterimReportMonths",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "InterimNumber",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "FinalReportDays",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ReportsPlannedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "NarrativeJson",
                table: "Reports");

            migrationBuilder.AddColumn<Guid>(
                name: "GrantApplicationId",
                table: "Reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_GrantApplicationId",
                table: "Reports",
                column: "GrantApplicationId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_Applications_GrantApplicationId",
                table: "Reports",
                column: "GrantApplicationId",
                principalTable: "Applications",
                principalColumn: "Id");
        }
    }
}
