using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApplicationsListOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The applications list's own order (newest first, drafts by creation): a page is read from this index, its
            // first rows and no more, instead of sorting every application (issue 16). An index on an expression, which
            // the model cannot say; SQL Server, which has none, sorts.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Applications_ListOrder" ON "Applications" (("SubmittedAtUtc" IS NOT NULL), "SubmittedAtUtc" DESC, "CreatedAtUtc" DESC, "Id");
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Applications_ListOrder";
                """);

        }
    }
}
