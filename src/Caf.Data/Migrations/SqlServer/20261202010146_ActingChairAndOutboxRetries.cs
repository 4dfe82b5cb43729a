using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ActingChairAndOutboxRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "Outbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FailedAtUtc",
                table: "Outbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "Outbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActingChair",
                table: "MeetingDecisions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ActingChairDesignatedAtUtc",
                table: "Applications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActingChairName",
                table: "Applications",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActingChairUserId",
                table: "Applications",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_FailedAtUtc",
                table: "Outbox",
                column: "FailedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_FailedAtUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "FailedAtUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ActingChair",
                table: "MeetingDecisions");

            migrationBuilder.DropColumn(
                name: "ActingChairDesignatedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ActingChairName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ActingChairUserId",
                table: "Applications");
        }
    }
}
