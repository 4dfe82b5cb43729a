using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailOptOuts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EmailOptOuts",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailOptOuts",
                table: "AspNetUsers");
        }
    }
}
