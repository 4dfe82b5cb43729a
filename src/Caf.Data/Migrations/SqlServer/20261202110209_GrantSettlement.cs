using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GrantSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RefundWaivedAtUtc",
                table: "Applications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefundWaivedByUserId",
                table: "Applications",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RefundWaivedValue",
                table: "Applications",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefundWaiverReason",
                table: "Applications",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TerminationExpenditureNote",
                table: "Applications",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "TerminationExpenditureValue",
                table: "Applications",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RefundWaivedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RefundWaivedByUserId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RefundWaivedValue",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RefundWaiverReason",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TerminationExpenditureNote",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TerminationExpenditureValue",
                table: "Applications");
        }
    }
}
