using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GrantBankDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "BankDetailsChangedAtUtc",
                table: "Applications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsChangedByUserId",
                table: "Applications",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsMasked",
                table: "Applications",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsProtected",
                table: "Applications",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BankDetailsChangedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "BankDetailsChangedByUserId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "BankDetailsMasked",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "BankDetailsProtected",
                table: "Applications");
        }
    }
}
