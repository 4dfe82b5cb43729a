using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatesPartiesReferenceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameEs",
                table: "StateParties",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameFr",
                table: "StateParties",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReferenceDataImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceDataImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatePartyRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsoCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameFr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEs = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartySince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Article5Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Article5Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VictimAssistance = table.Column<bool>(type: "INTEGER", nullable: false),
                    Article7Years = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
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
        }
    }
}
