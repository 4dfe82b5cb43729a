namespace Caf.Data.Entities;

/// <summary>
/// A State Party's proposal to the Fund, and then the grant it becomes. Its stage lives on its
/// <see cref="Workflow"/> instance and changes only through the workflow engine.
/// </summary>
public sealed class GrantApplication : IAudited
{
    public const string DraftStage = "Draft";

    private readonly List<ApplicationPartner> _partners = [];
    private readonly List<BudgetLine> _budgetLines = [];
    private readonly List<Participant> _participants = [];
    private readonly List<CommitteeScore> _scores = [];
    private readonly List<GrantReport> _reports = [];
    private readonly List<LedgerEntry> _ledgerEntries = [];

    private GrantApplication() { }

    public GrantApplication(FundingRound round, StateParty applicant, string title, WorkflowInstance workflow,
        string createdByUserId, DateTime nowUtc)
    {
        if (!applicant.IsStateParty)
            throw new DomainException($"{applicant.Name} is not a State Party to the Convention and cannot apply.");
        Id = Guid.NewGuid();
        RoundId = round.Id;
        Round = round;
        ApplicantStateId = applicant.Id;
        ApplicantState = applicant;
        Currency = round.Currency;
        Workflow = workflow;
        WorkflowInstanceId = workflow.Id;
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
        SetTitle(title);
    }

    public Guid Id { get; private set; }
    /// <summary>CAF-YYYY-NNN, given on submission.</summary>
    public string? Reference { get; private set; }
    public Guid RoundId { get; private set; }
    public FundingRound? Round { get; private set; }
    public Guid ApplicantStateId { get; private set; }
    public StateParty? ApplicantState { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public DateOnly? ActivityStart { get; private set; }
    public DateOnly? ActivityEnd { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }

    public Guid WorkflowInstanceId { get; private set; }
    public WorkflowInstance? Workflow { get; private set; }
    public string Stage => (Workflow ?? throw new InvalidOperationException("Load the workflow instance with the application.")).Stage;

    public decimal? ApprovedAmountValue { get; private set; }
    public string? DecisionRationale { get; private set; }
    public string? Conditions { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DateOnly? AgreementSignedOn { get; private set; }

    public GenderReview? GenderReview { get; private set; }
    public IReadOnlyList<ApplicationPartner> Partners => _partners;
    public IReadOnlyList<BudgetLine> BudgetLines => _budgetLines;
    public IReadOnlyList<Participant> Participants => _participants;
    public IReadOnlyList<CommitteeScore> Scores => _scores;
    public IReadOnlyList<GrantReport> Reports => _reports;
    public IReadOnlyList<LedgerEntry> LedgerEntries => _ledgerEntries;

    public Money RequestedAmount => Money.Sum(_budgetLines.Select(l => l.Total), Currency);
    public Money? ApprovedAmount => ApprovedAmountValue is { } value ? new Money(value, Currency) : null;

    public Money Disbursed => SumOf(LedgerEntryKind.Disbursement);
    public Money Refunded => SumOf(LedgerEntryKind.Refund);

    /// <summary>What the grantee reported spending, from the accepted (or submitted) final report.</summary>
    public Money? ReportedExpenditure =>
        _reports.Where(r => r.Status != ReportStatus.Returned).OrderByDescending(r => r.SubmittedAtUtc).FirstOrDefault() is { } report
            ? new Money(report.ActualExpenditure, Currency)
            : null;

    public bool IsEditable => Stage == DraftStage;

    public void UpdateDraft(string title, string? summary, DateOnly? activityStart, DateOnly? activityEnd)
    {
        EnsureEditable();
        if (activityStart is { } start && activityEnd is { } end && end < start)
            throw new DomainException("The activities must end on or after the day they start.", nameof(ActivityEnd));
        SetTitle(title);
        Summary = summary?.Trim() ?? "";
        ActivityStart = activityStart;
        ActivityEnd = activityEnd;
    }

    public void ReplacePartners(IEnumerable<(Guid StatePartyId, PartnerRole Role)> partners)
    {
        EnsureEditable();
        var list = partners.ToList();
        if (list.Any(p => p.StatePartyId == ApplicantStateId))
            throw new DomainException("A partner must be a State Party other than the applicant.", nameof(Partners));
        if (list.Select(p => p.StatePartyId).Distinct().Count() != list.Count)
            throw new DomainException("Each partner State Party can be listed only once.", nameof(Partners));
        _partners.Clear();
        _partners.AddRange(list.Select(p => new ApplicationPartner(p.StatePartyId, p.Role)));
    }

    public void ReplaceBudget(IEnumerable<(BudgetCategory Category, string Description, decimal Quantity, Money UnitCost)> lines)
    {
        EnsureEditable();
        var newLines = lines.Select((l, i) =>
        {
            if (l.UnitCost.Currency != Currency)
                throw new DomainException($"Budget lines must be in the application's currency, {Currency}.", nameof(BudgetLines));
            return new BudgetLine(l.Category, l.Description, l.Quantity, l.UnitCost) { Position = i + 1 };
        }).ToList();
        _budgetLines.Clear();
        _budgetLines.AddRange(newLines);
    }

    public void ReplaceParticipants(IEnumerable<(string Name, string Function, string Organisation, Sex Sex)> participants)
    {
        EnsureEditable();
        var list = participants.Select(p => new Participant(p.Name, p.Function, p.Organisation, p.Sex)).ToList();
        _participants.Clear();
        _participants.AddRange(list);
    }

    /// <summary>Called by the workflow action that runs on submission.</summary>
    public void MarkSubmitted(string reference, DateTime nowUtc)
    {
        Reference ??= reference;
        SubmittedAtUtc = nowUtc;
    }

    public void RecordDecision(Money approvedAmount, string rationale, string? conditions, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(rationale))
            throw new DomainException("Give the committee's rationale for the decision.", nameof(DecisionRationale));
        if (approvedAmount.Amount <= 0)
            throw new DomainException("The approved amount must be more than zero.", nameof(ApprovedAmount));
        if (approvedAmount > RequestedAmount)
            throw new DomainException($"The approved amount cannot exceed the requested {RequestedAmount}.", nameof(ApprovedAmount));
        if (Round is { } round && approvedAmount > round.Ceiling)
            throw new DomainException($"The approved amount cannot exceed the round's ceiling of {round.Ceiling}.", nameof(ApprovedAmount));
        ApprovedAmountValue = approvedAmount.Amount;
        DecisionRationale = rationale.Trim();
        Conditions = string.IsNullOrWhiteSpace(conditions) ? null : conditions.Trim();
        DecidedAtUtc = nowUtc;
    }

    public void SignAgreement(DateOnly signedOn)
    {
        if (ApprovedAmount is null) throw new DomainException("An agreement can be signed only for an approved grant.");
        AgreementSignedOn = signedOn;
    }

    public void CompleteGenderReview(GenderReview review) => GenderReview = review;

    /// <summary>A committee member whose state is the applicant or a partner is recused from this application.</summary>
    public bool IsRecused(Guid? memberStateId) =>
        memberStateId is { } state && (state == ApplicantStateId || _partners.Any(p => p.StatePartyId == state));

    public CommitteeScore AddScore(string memberUserId, string memberName, Guid? memberStateId, int score, string? comment, DateTime nowUtc)
    {
        if (IsRecused(memberStateId))
            throw new DomainException("You are recused from this application: your state is its applicant or a partner.");
        if (_scores.Any(s => s.MemberUserId == memberUserId))
            throw new DomainException("You have already scored this application.", nameof(CommitteeScore.Score));
        var entry = new CommitteeScore(Id, memberUserId, memberName, score, comment, nowUtc);
        _scores.Add(entry);
        return entry;
    }

    public GrantReport SubmitFinalReport(string fileName, string contentType, byte[] content, decimal actualExpenditure,
        string userId, DateTime nowUtc)
    {
        if (_reports.Any(r => r.Status == ReportStatus.Accepted))
            throw new DomainException("The final report has already been accepted.");
        var report = new GrantReport(Id, fileName, contentType, content, actualExpenditure, userId, nowUtc);
        _reports.Add(report);
        return report;
    }

    public LedgerEntry AddLedgerEntry(LedgerEntryKind kind, Money amount, DateOnly valueDate, string description,
        string? bankReference, string userId, DateTime nowUtc)
    {
        var entry = new LedgerEntry(kind, amount, valueDate, description, bankReference, Id, userId, nowUtc);
        _ledgerEntries.Add(entry);
        return entry;
    }

    private Money SumOf(LedgerEntryKind kind) =>
        Money.Sum(_ledgerEntries.Where(e => e.Kind == kind).Select(e => e.Amount), Currency);

    private void SetTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("Give the application a title.", nameof(Title));
        if (title.Trim().Length > 200) throw new DomainException("Keep the title under 200 characters.", nameof(Title));
        Title = title.Trim();
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
            throw new DomainException($"This application is in the stage '{Stage}' and can no longer be edited.");
    }
}
