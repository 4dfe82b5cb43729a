namespace Caf.Data;

/// <summary>The roles of DESIGN.md §2. Workflow definitions may name only these (and <see cref="System"/>).</summary>
public static class CafRoles
{
    public const string Applicant = "Applicant";
    public const string IsuOfficer = "IsuOfficer";
    public const string GenderFocalPoint = "GenderFocalPoint";
    public const string CommitteeMember = "CommitteeMember";
    public const string CommitteeChair = "CommitteeChair";
    public const string Finance = "Finance";
    public const string Auditor = "Auditor";
    public const string Admin = "Admin";

    /// <summary>The engine itself, firing a timer.</summary>
    public const string System = "System";

    public static readonly IReadOnlyList<string> All =
        [Applicant, IsuOfficer, GenderFocalPoint, CommitteeMember, CommitteeChair, Finance, Auditor, Admin];

    public static string Describe(string role) => role switch
    {
        Applicant => "Applicant (State Party focal point)",
        IsuOfficer => "ISU officer",
        GenderFocalPoint => "Gender focal point",
        CommitteeMember => "Committee member",
        CommitteeChair => "Committee chair",
        Finance => "Finance officer",
        Auditor => "Auditor",
        Admin => "Administrator",
        System => "the system",
        _ => role,
    };
}
