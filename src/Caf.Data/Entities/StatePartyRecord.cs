using System.Globalization;

namespace Caf.Data.Entities;

/// <summary>Where a state stands on its Article 5 (mine clearance) obligation.</summary>
public enum Article5Status
{
    None,
    InProgress,
    Completed,
}

/// <summary>
/// A State Party as one import said it was: a snapshot row, never changed. Eligibility reads the record of the latest
/// import made on or before the screening date (<see cref="ReferenceData.StatePartyRecords.AsOfAsync"/>).
/// </summary>
public sealed class StatePartyRecord : IAudited
{
    private StatePartyRecord() { }

    internal StatePartyRecord(Guid importId, string isoCode, string nameEn, string nameFr, string nameEs, DateOnly? partySince,
        Article5Status article5Status, DateOnly? article5Deadline, bool victimAssistance, IEnumerable<int> article7Years)
    {
        Id = Guid.NewGuid();
        ImportId = importId;
        IsoCode = isoCode;
        NameEn = nameEn;
        NameFr = nameFr;
        NameEs = nameEs;
        PartySince = partySince;
        Article5Status = article5Status;
        Article5Deadline = article5Deadline;
        VictimAssistance = victimAssistance;
        Article7Years = string.Join(';', article7Years.Order().Select(y => y.ToString(CultureInfo.InvariantCulture)));
    }

    public Guid Id { get; private set; }
    public Guid ImportId { get; private set; }
    public ReferenceDataImport Import { get; private set; } = null!;
    public string IsoCode { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameFr { get; private set; } = "";
    public string NameEs { get; private set; } = "";

    /// <summary>When the Convention entered into force for the state; null for a state not party.</summary>
    public DateOnly? PartySince { get; private set; }
    public Article5Status Article5Status { get; private set; }
    public DateOnly? Article5Deadline { get; private set; }
    public bool VictimAssistance { get; private set; }

    /// <summary>The years whose Article 7 transparency report is recorded, ascending, as "2022;2023;2024" (one column: read whole, never queried by year).</summary>
    public string Article7Years { get; private set; } = "";

    public bool IsStateParty => PartySince is not null;

    public IReadOnlyList<int> Article7ReportYears =>
        Article7Years.Length == 0 ? [] : Article7Years.Split(';').Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToList();

    /// <summary>Whether the state's Article 7 report for <paramref name="year"/> is recorded as submitted.</summary>
    public bool HasArticle7ReportFor(int year) => Article7ReportYears.Contains(year);
}
