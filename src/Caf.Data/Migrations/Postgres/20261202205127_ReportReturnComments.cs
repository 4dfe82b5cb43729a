using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportReturnComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GrantApplicationId",
                table: "Reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnComments",
                table: "Reports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReturnedAtUtc",
                table: "Reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedByUserId",
                table: "Reports",
                type: "text",
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_Applications_GrantApplicationId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_GrantApplicationId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "GrantApplicationId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReturnComments",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReturnedAtUtc",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReturnedByUserId",
                table: "Reports");
        }
    }
}
