namespace Caf.Data.Entities;

public enum DisbursementStatus { Requested, Approved, Paid, Cancelled }

/// <summary>
/// A payment to the grantee under four eyes (ADR 0023): requested by one finance officer, approved by another with a
/// fresh authenticator code, then marked paid once the bank has made it, which books the disbursement.
/// </summary>
public sealed class DisbursementRequest : IAudited
{
    public const int MaxNoteLength = 500;

    /// <summary>A payment the form names that this grant does not have (another grant's, or a page older than a change).</summary>
    public static string NoLongerThere => DomainText.Get("Payment.NoLongerThere");

    private DisbursementRequest() { }

    internal DisbursementRequest(Guid applicationId, int trancheNumber, Money amount, string requestedByUserId, DateTime nowUtc)
    {
        Id = Guid.NewGuid();
        ApplicationId = applicationId;
        TrancheNumber = trancheNumber;
        Amount = amount;
        Status = DisbursementStatus.Requested;
        RequestedByUserId = requestedByUserId;
        RequestedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public int TrancheNumber { get; private set; }
    public Money Amount { get; private set; }
    public DisbursementStatus Status { get; private set; }
    public string RequestedByUserId { get; private set; } = "";
    public DateTime RequestedAtUtc { get; private set; }
    public string? ApprovedByUserId { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    /// <summary>The ledger's disbursement entry, once paid.</summary>
    public Guid? PaidEntryId { get; private set; }
    public string? CancelledByUserId { get; private set; }
    public DateTime? CancelledAtUtc { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>Requested or approved: money on its way that the grant's limits count already.</summary>
    public bool IsOpen => Status is DisbursementStatus.Requested or DisbursementStatus.Approved;

    /// <summary>Why <paramref name="userId"/> may not approve it now, or null.</summary>
    public string? ApprovalProblem(string userId) =>
        Status != DisbursementStatus.Requested ? DomainText.Get("Payment.NothingToApprove", Describe(Status))
        : userId == RequestedByUserId ? DomainText.Get("Payment.OwnRequest")
        : null;

    internal void Approve(string userId, DateTime nowUtc)
    {
        if (ApprovalProblem(userId) is { } problem) throw new DomainException(problem);
        Status = DisbursementStatus.Approved;
        ApprovedByUserId = userId;
        ApprovedAtUtc = nowUtc;
    }

    /// <summary>Why it cannot be marked paid now, or null.</summary>
    public string? PaymentProblem() =>
        Status == DisbursementStatus.Approved ? null
        : Status == DisbursementStatus.Requested ? DomainText.Get("Payment.AwaitsApproval")
        : DomainText.Get("Payment.CannotPayAgain", Describe(Status));

    internal void MarkPaid(Guid entryId)
    {
        if (PaymentProblem() is { } problem) throw new DomainException(problem);
        Status = DisbursementStatus.Paid;
        PaidEntryId = entryId;
    }

    internal void Cancel(string reason, string userId, DateTime nowUtc)
    {
        if (!IsOpen) throw new DomainException(DomainText.Get("Payment.CannotCancel", Describe(Status)));
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(DomainText.Get("Payment.SayWhyCancelled"), nameof(CancelReason));
        if (reason.Trim().Length > MaxNoteLength) throw new DomainException(DomainText.Get("Payment.ReasonTooLong", MaxNoteLength), nameof(CancelReason));
        Status = DisbursementStatus.Cancelled;
        CancelledByUserId = userId;
        CancelledAtUtc = nowUtc;
        CancelReason = reason.Trim();
    }

    public static string Describe(DisbursementStatus status) => status switch
    {
        DisbursementStatus.Requested => DomainText.Get("Payment.StatusRequested"),
        DisbursementStatus.Approved => DomainText.Get("Payment.StatusApproved"),
        DisbursementStatus.Paid => DomainText.Get("Payment.StatusPaid"),
        _ => DomainText.Get("Payment.StatusCancelled"),
    };
}
