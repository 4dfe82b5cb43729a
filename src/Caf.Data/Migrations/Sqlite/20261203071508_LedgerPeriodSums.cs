using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerPeriodSums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerPeriodSums",
                columns: table => new
                {
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    FundCurrency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reversal = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 24, scale: 2, nullable: false),
                    FundAmount = table.Column<decimal>(type: "TEXT", precision: 24, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerPeriodSums", x => new { x.Period, x.Start, x.Currency, x.FundCurrency, x.Kind, x.Reversal });
                });

            // The sums of the entries already booked, added up by the database (ADR 0041).
            migrationBuilder.Sql("""
                INSERT INTO "LedgerPeriodSums" ("Period", "Start", "Currency", "FundCurrency", "Kind", "Reversal", "Count", "Amount", "FundAmount", "Version")
                SELECT 0, "ValueDate", "Currency", "FundCurrency", "Kind", "ReversesEntryId" IS NOT NULL, COUNT(*), ef_sum("Amount"), ef_sum("FundAmount"), 1
                FROM "LedgerEntries"
                GROUP BY "ValueDate", "Currency", "FundCurrency", "Kind", "ReversesEntryId" IS NOT NULL;
                INSERT INTO "LedgerPeriodSums" ("Period", "Start", "Currency", "FundCurrency", "Kind", "Reversal", "Count", "Amount", "FundAmount", "Version")
                SELECT 1, date("ValueDate", 'start of month'), "Currency", "FundCurrency", "Kind", "ReversesEntryId" IS NOT NULL, COUNT(*), ef_sum("Amount"), ef_sum("FundAmount"), 1
                FROM "LedgerEntries"
                GROUP BY date("ValueDate", 'start of month'), "Currency", "FundCurrency", "Kind", "ReversesEntryId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerPeriodSums");
        }
    }
}
