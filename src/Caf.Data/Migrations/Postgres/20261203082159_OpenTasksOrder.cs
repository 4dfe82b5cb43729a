using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenTasksOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // My tasks in their own order (those due first, soonest first, then by opening): a page of a role's open tasks is
            // read from this index, its first rows and no more, instead of sorting every open task (issue 16). An index on
            // an expression, which the model cannot say; SQL Server, which has none, sorts.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_WorkflowTasks_OpenInOrder" ON "WorkflowTasks" ("Role", ("DueAtUtc" IS NULL), "DueAtUtc", "OpenedAtUtc", "Id") WHERE "ClosedAtUtc" IS NULL;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_WorkflowTasks_OpenInOrder";
                """);

        }
    }
}
