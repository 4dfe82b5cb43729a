using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SignedAgreementCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SignedCopyContentType",
                table: "Applications",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedCopyFileName",
                table: "Applications",
                type: "nvarchar(260)",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SignedCopyId",
                table: "Applications",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SignedCopyRecordedAtUtc",
                table: "Applications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedCopyRecordedByUserId",
                table: "Applications",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignedCopySize",
                table: "Applications",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SignedCopyId",
                table: "Applications",
                column: "SignedCopyId");

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_StoredFiles_SignedCopyId",
                table: "Applications",
                column: "SignedCopyId",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_StoredFiles_SignedCopyId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_SignedCopyId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopyContentType",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopyFileName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopyId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopyRecordedAtUtc",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopyRecordedByUserId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SignedCopySize",
                table: "Applications");
        }
    }
}
