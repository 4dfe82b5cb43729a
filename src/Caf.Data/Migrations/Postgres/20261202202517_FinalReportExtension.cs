using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FinalReportExtension : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FinalReportExtendedAtUtc",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinalReportExtendedByUserId",
                table: "Applications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FinalReportExtendedTo",
                table: "Applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinalReportExtensionReason",
                table: "Applications",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FinalReportExtendedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "FinalReportExtendedByUserId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "FinalReportExtendedTo",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "FinalReportExtensionReason",
                table: "Applications");
        }
    }
}
