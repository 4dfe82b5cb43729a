using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ExchangeRatesAndConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Donor",
                table: "LedgerEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Earmarking",
                table: "LedgerEntries",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FundAmount",
                table: "LedgerEntries",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "FundCurrency",
                table: "LedgerEntries",
                type: "nchar(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "Rate",
                table: "LedgerEntries",
                type: "decimal(18,8)",
                precision: 18,
                scale: 8,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RateDate",
                table: "LedgerEntries",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "RateSource",
                table: "LedgerEntries",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "ReversesEntryId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            // Entries written before rates were kept were all in the fund currency (ADR 0017): their own amount, at rate 1.
            migrationBuilder.Sql("""UPDATE "LedgerEntries" SET "FundAmount" = "Amount", "FundCurrency" = "Currency", "Rate" = 1, "RateDate" = "ValueDate", "RateSource" = 'fund currency' WHERE "RateSource" = ''""");

            migrationBuilder.CreateTable(
                name: "ExchangeRates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    FundCurrency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Rate = table.Column<decimal>(type: "decimal(18,8)", precision: 18, scale: 8, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId",
                unique: true,
                filter: "[ReversesEntryId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRates_Currency_FundCurrency_Date",
                table: "ExchangeRates",
                columns: new[] { "Currency", "FundCurrency", "Date" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_LedgerEntries_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId",
                principalTable: "LedgerEntries",
                principalColumn: "Id",
                onDelete: ReferentialAction.NoAction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LedgerEntries_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "ExchangeRates");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Donor",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Earmarking",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "FundAmount",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "FundCurrency",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Rate",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "RateDate",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "RateSource",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "ReversesEntryId",
                table: "LedgerEntries");
        }
    }
}
