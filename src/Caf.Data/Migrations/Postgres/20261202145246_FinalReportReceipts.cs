using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FinalReportReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReceiptsContentType",
                table: "Reports",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptsFileName",
                table: "Reports",
                type: "character varying(260)",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReceiptsId",
                table: "Reports",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceiptsSize",
                table: "Reports",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ReceiptsId",
                table: "Reports",
                column: "ReceiptsId");

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_StoredFiles_ReceiptsId",
                table: "Reports",
                column: "ReceiptsId",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_StoredFiles_ReceiptsId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_ReceiptsId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReceiptsContentType",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReceiptsFileName",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReceiptsId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ReceiptsSize",
                table: "Reports");
        }
    }
}
