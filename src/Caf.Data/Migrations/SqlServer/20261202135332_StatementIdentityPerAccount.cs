using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StatementIdentityPerAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BankStatements_BankStatementId",
                table: "BankStatements");

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_Iban_BankStatementId",
                table: "BankStatements",
                columns: new[] { "Iban", "BankStatementId" },
                unique: true,
                filter: "[Iban] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BankStatements_Iban_BankStatementId",
                table: "BankStatements");

            migrationBuilder.CreateIndex(
                name: "IX_BankStatements_BankStatementId",
                table: "BankStatements",
                column: "BankStatementId",
                unique: true);
        }
    }
}
