using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caf.Data.Migrations.SqlServer
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
                type: "int",
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
