namespace Caf.Data.Entities;

/// <summary>
/// A committee member's declared conflict of interest on one application. Kept for good, across rounds, in the register
/// the chair and the auditor read; the member is recused from that application from then on.
/// </summary>
public sealed class ConflictDeclaration : IAudited
{
    public const int MaxReasonLength = 1000;

    private ConflictDeclaration() { }

    internal ConflictDeclaration(Guid applicationId, string memberUserId, string memberName, string reason, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        MemberUserId = memberUserId;
        MemberName = memberName;
        Reason = reason;
        DeclaredAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string MemberUserId { get; private set; } = "";
    public string MemberName { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public DateTime DeclaredAtUtc { get; private set; }
}
