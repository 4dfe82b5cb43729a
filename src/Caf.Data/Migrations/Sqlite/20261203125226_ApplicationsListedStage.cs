using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplicationsListedStage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_RoundId",
                table: "Applications");

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "Applications",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // The stage is the workflow instance's; the database copies it onto the application's row whenever either is
            // written, so no code path can leave the two apart (ADR 0043). Staff read only submitted applications, newest
            // first: a partial index holds exactly those in that order.
            migrationBuilder.Sql("""
                UPDATE "Applications" SET "Stage" = (SELECT w."Stage" FROM "WorkflowInstances" w WHERE w."Id" = "Applications"."WorkflowInstanceId");
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_Applications_ListedStage" AFTER INSERT ON "Applications"
                BEGIN
                    UPDATE "Applications" SET "Stage" = (SELECT w."Stage" FROM "WorkflowInstances" w WHERE w."Id" = NEW."WorkflowInstanceId")
                    WHERE "Id" = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_WorkflowInstances_ListedStage" AFTER UPDATE OF "Stage" ON "WorkflowInstances"
                BEGIN
                    UPDATE "Applications" SET "Stage" = NEW."Stage" WHERE "WorkflowInstanceId" = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Applications_Submitted" ON "Applications" ("SubmittedAtUtc" DESC, "CreatedAtUtc" DESC, "Id") WHERE "SubmittedAtUtc" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RoundId_Stage",
                table: "Applications",
                columns: new[] { "RoundId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Stage_ListOrder",
                table: "Applications",
                columns: new[] { "Stage", "SubmittedAtUtc", "CreatedAtUtc", "Id" },
                descending: new[] { false, true, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Applications_Submitted";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_WorkflowInstances_ListedStage";
                """);
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Applications_ListedStage";
                """);

            migrationBuilder.DropIndex(
                name: "IX_Applications_RoundId_Stage",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Stage_ListOrder",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RoundId",
                table: "Applications",
                column: "RoundId");
        }
    }
}
