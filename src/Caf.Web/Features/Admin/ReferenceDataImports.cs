using Caf.Data;
using Caf.Data.ReferenceData;

namespace Caf.Web.Features.Admin;

/// <summary>
/// The ISU imports the States Parties reference data, from the page or the command line (the demo seeder too): the file
/// is checked whole, then the dated import, its records and the states' current data are saved together, or nothing is.
/// </summary>
public sealed class ReferenceDataImports(CafDbContext db, TimeProvider clock) : IUseCase
{
    /// <param name="userId">The person importing; null from the command line or the seeder.</param>
    /// <param name="userName">How the import names who made it.</param>
    internal async Task<StatesPartiesImportResult> ImportStatesPartiesAsync(string fileName, byte[] content, string? userId, string userName,
        CancellationToken ct)
    {
        var result = await StatesPartiesImport.AddAsync(db, fileName, content, userId, userName, clock.GetUtcNow().UtcDateTime, ct);
        if (result.Succeeded) await db.SaveChangesAsync(ct);
        return result;
    }
}
