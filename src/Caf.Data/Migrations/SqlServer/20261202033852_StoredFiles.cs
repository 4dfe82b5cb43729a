using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StoredFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CopyFilesIntoStoredFiles();

            migrationBuilder.DropTable(
                name: "AttachmentContents");

            migrationBuilder.DropColumn(
                name: "Content",
                table: "Reports");

            migrationBuilder.AddForeignKey(
                name: "FK_Reports_StoredFiles_Id",
                table: "Reports",
                column: "Id",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Reports_StoredFiles_Id",
                table: "Reports");

            migrationBuilder.AddColumn<byte[]>(
                name: "Content",
                table: "Reports",
                type: "varbinary(max)",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "AttachmentContents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentContents", x => x.Id);
                });

            migrationBuilder.CopyFilesBackFromStoredFiles();

            migrationBuilder.DropTable(
                name: "StoredFiles");
        }
    }
}
