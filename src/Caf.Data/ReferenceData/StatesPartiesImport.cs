using System.Security.Cryptography;
using Caf.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Caf.Data.ReferenceData;

/// <summary>The import made, or every problem of the file (and then nothing written).</summary>
internal sealed record StatesPartiesImportResult(ReferenceDataImport? Import, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Import is not null;
}

/// <summary>
/// Imports a States Parties file: a dated <see cref="ReferenceDataImport"/> with one <see cref="StatePartyRecord"/> per
/// state, and the current <see cref="StateParty"/> rows brought up to date — in one SaveChanges, so all or nothing.
/// </summary>
internal static class StatesPartiesImport
{
    public const int MaxBytes = 1024 * 1024;
    public const string SampleFileName = "states-parties.sample.csv";

    /// <summary>The sample file of the demo States Parties (ReferenceData/states-parties.sample.csv), as bytes.</summary>
    public static byte[] SampleFile()
    {
        using var stream = typeof(StatesPartiesImport).Assembly.GetManifestResourceStream("Caf.Data.ReferenceData." + SampleFileName)
            ?? throw new InvalidOperationException($"{SampleFileName} is missing from Caf.Data.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// What is wrong with the file chosen (<paramref name="fileName"/> null when none was), before it is read: none chosen,
    /// empty, or far too large to be a States Parties file.
    /// </summary>
    public static string? FileProblem(string? fileName, long length) =>
        fileName is null ? DomainText.Get("StatesCsv.Choose")
        : length == 0 ? DomainText.Get("StatesCsv.FileEmpty", fileName)
        : length > MaxBytes ? DomainText.Get("StatesCsv.FileTooLarge", fileName)
        : null;

    /// <summary>
    /// Reads the file and adds the dated import, its records and the States Parties' current data to the unit of work,
    /// or adds nothing and lists every problem by line. The caller saves.
    /// </summary>
    public static async Task<StatesPartiesImportResult> AddAsync(CafDbContext db, string fileName, byte[] content,
        string? userId, string userName, DateTime nowUtc, CancellationToken ct)
    {
        if (content.Length > MaxBytes)
            return new(null, [new CsvProblem(1, null, DomainText.Get("StatesCsv.TooLarge"))]);
        var parsed = StatesPartiesCsv.Parse(content, nowUtc.Year);
        if (!parsed.IsClean) return new(null, parsed.Problems);

        var importedAt = new DateTime(nowUtc.Ticks - nowUtc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var import = new ReferenceDataImport(ReferenceDataImport.StatesPartiesKind, fileName, importedAt, userId, userName,
            parsed.Rows.Count, Convert.ToHexStringLower(SHA256.HashData(content)));
        db.ReferenceDataImports.Add(import);
        var current = await db.StateParties.ToDictionaryAsync(s => s.IsoCode, ct);
        foreach (var row in parsed.Rows)
        {
            var record = new StatePartyRecord(import.Id, row.IsoCode, row.NameEn, row.NameFr, row.NameEs, row.PartySince,
                row.Article5Status, row.Article5Deadline, row.VictimAssistance, row.Article7Years);
            db.StatePartyRecords.Add(record);
            if (!current.TryGetValue(row.IsoCode, out var state))
            {
                state = new StateParty(row.IsoCode, row.NameEn, record.IsStateParty);
                db.StateParties.Add(state);
            }
            state.UpdateFrom(record);
        }
        return new(import, []);
    }
}
