using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RoundManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AllowedCurrencies",
                table: "Rounds",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAtUtc",
                table: "Rounds",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Rounds",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "EnvelopeAmount",
                table: "Rounds",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "EnvelopeCurrency",
                table: "Rounds",
                type: "nchar(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "GenderChecklistVersion",
                table: "Rounds",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "MaxDurationDays",
                table: "Rounds",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RubricVersion",
                table: "Rounds",
                type: "int",
                nullable: false,
                defaultValue: 1);

            // Existing rounds: the envelope is at least the ceiling, applications budget in the round's own currency,
            // activities may last the whole implementation window, and checklists and rubrics are at their first version.
            migrationBuilder.Sql("""
                UPDATE [Rounds] SET [EnvelopeAmount] = [CeilingAmount], [EnvelopeCurrency] = [CeilingCurrency], [AllowedCurrencies] = [CeilingCurrency], [MaxDurationDays] = DATEDIFF(day, [ImplementationStart], [ImplementationEnd]) + 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowedCurrencies",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ClosedAtUtc",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "EnvelopeAmount",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "EnvelopeCurrency",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "GenderChecklistVersion",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "MaxDurationDays",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "RubricVersion",
                table: "Rounds");
        }
    }
}
