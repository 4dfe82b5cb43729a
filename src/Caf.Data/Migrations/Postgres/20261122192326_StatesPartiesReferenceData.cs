using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatesPartiesReferenceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "StateParties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(120)",
                oldMaxLength: 120);

            migrationBuilder.AddColumn<string>(
                name: "NameEs",
                table: "StateParties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameFr",
                table: "StateParties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReferenceDataImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ImportedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceDataImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatePartyRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsoCode = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameFr = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameEs = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartySince = table.Column<DateOnly>(type: "date", nullable: true),
                    Article5Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Article5Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    VictimAssistance = table.Column<bool>(type: "boolean", nullable: false),
                    Article7Years = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatePartyRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatePartyRecords_ReferenceDataImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "ReferenceDataImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceDataImports_Kind_ImportedAtUtc",
                table: "ReferenceDataImports",
                columns: new[] { "Kind", "ImportedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_StatePartyRecords_ImportId_IsoCode",
                table: "StatePartyRecords",
                columns: new[] { "ImportId", "IsoCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatePartyRecords_IsoCode",
                table: "StatePartyRecords",
                column: "IsoCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatePartyRecords");

            migrationBuilder.DropTable(
                name: "ReferenceDataImports");

            migrationBuilder.DropColumn(
                name: "NameEs",
                table: "StateParties");

            migrationBuilder.DropColumn(
                name: "NameFr",
                table: "StateParties");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "StateParties",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }
    }
}
