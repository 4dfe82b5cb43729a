using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsChangedByUserId",
                table: "Applications",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsMasked",
                table: "Applications",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankDetailsProtected",
                table: "Applications",
                type: "TEXT",
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
