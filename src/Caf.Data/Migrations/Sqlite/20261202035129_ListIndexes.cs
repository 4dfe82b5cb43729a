using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ValueDate",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_ClosedAtUtc_DueAtUtc",
                table: "WorkflowTasks",
                columns: new[] { "ClosedAtUtc", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_Kind_ValueDate",
                table: "LedgerEntries",
                columns: new[] { "Kind", "ValueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ValueDate_RecordedAtUtc",
                table: "LedgerEntries",
                columns: new[] { "ValueDate", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SubmittedAtUtc_CreatedAtUtc",
                table: "Applications",
                columns: new[] { "SubmittedAtUtc", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_ClosedAtUtc_DueAtUtc",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_Kind_ValueDate",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_ValueDate_RecordedAtUtc",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Applications_SubmittedAtUtc_CreatedAtUtc",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ValueDate",
                table: "LedgerEntries",
                column: "ValueDate");
        }
    }
}
