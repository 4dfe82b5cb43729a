using System.Globalization;
using Caf.Data.Finance;
using Caf.Data.Reporting;

namespace Caf.Data.Entities;

/// <summary>
/// A State Party's proposal to the Fund, and then the grant it becomes. Its stage lives on its
/// <see cref="Workflow"/> instance and changes only through the workflow engine.
/// </summary>
public sealed class GrantApplication : IAudited
{
    private readonly List<ApplicationPartner> _partners = [];
    private readonly List<BudgetLine> _budgetLines = [];
    private readonly List<Participant> _participants = [];
    private readonly List<CommitteeScore> _scores = [];
    private readonly List<GrantReport> _reports = [];
    private readonly List<LedgerEntry> _ledgerEntries = [];
    private readonly List<ResultIndicator> _results = [];
    private readonly List<PlannedActivity> _activities = [];
    private readonly List<ApplicationActionLink> _actionLinks = [];
    private readonly List<ApplicationAttachment> _attachments = [];
    private readonly List<EligibilityCheck> _eligibilityChecks = [];
    private readonly List<ScreeningDecision> _screenings = [];
    private readonly List<Clarification> _clarifications = [];
    private readonly List<ConflictDeclaration> _conflicts = [];
    private readonly List<GrantTranche> _tranches = [];
    private readonly List<DisbursementRequest> _disbursements = [];

    private GrantApplication() { }

    /// <param name="id">The id the form chose before it was first sent, so that sending it twice makes one application.</param>
    public GrantApplication(FundingRound round, StateParty applicant, string title, WorkflowInstance workflow,
        string createdByUserId, DateTime nowUtc, Guid? id = null)
    {
        if (!applicant.IsStateParty)
            throw new DomainException(DomainText.Get("Proposal.ApplicantNotStateParty", applicant.NameIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)));
        Id = id is { } chosen && chosen != Guid.Empty ? chosen : Guid.NewGuid();
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
    public ThematicArea ThematicAreas { get; private set; }
    public string Objectives { get; private set; } = "";
    public string GenderAnalysis { get; private set; } = "";
    public string DoNoHarm { get; private set; } = "";
    public string FollowUpPlan { get; private set; } = "";
    /// <summary>What the applicant state pays itself, in cash (in the application's currency) and in kind (described).</summary>
    public decimal? NationalContributionCash { get; private set; }
    public string NationalContributionInKind { get; private set; } = "";
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }

    public Guid WorkflowInstanceId { get; private set; }
    public WorkflowInstance? Workflow { get; private set; }
    public string Stage => (Workflow ?? throw new InvalidOperationException("Load the workflow instance with the application.")).Stage;

    /// <summary>
    /// The workflow instance's stage, copied onto the application's row by the database itself (triggers, ADR 0043) so
    /// that lists and counts filter by stage from the applications' own indexes. Queries read it; code never writes it,
    /// and on a loaded application it may be older than <see cref="Stage"/>, which is what code reads.
    /// </summary>
    public string ListedStage { get; private set; } = "";

    public decimal? ApprovedAmountValue { get; private set; }
    public string? DecisionRationale { get; private set; }
    public string? Conditions { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    /// <summary>The member the ISU designated to record the decision on this application because the chair is recused.</summary>
    public string? ActingChairUserId { get; private set; }
    public string? ActingChairName { get; private set; }
    public DateTime? ActingChairDesignatedAtUtc { get; private set; }
    public DateOnly? AgreementSignedOn { get; private set; }

    /// <summary>
    /// The final narrative and financial reports are due this many days after the activities end: the round's reporting
    /// template as it stood when the committee approved the grant (<see cref="PlanReports"/>; 60 by DESIGN.md §5 until then).
    /// </summary>
    public int FinalReportDays { get; private set; } = Reporting.ReportingTemplate.DefaultFinalReportDays;
    private readonly List<InterimReportDue> _interimReportsDue = [];
    /// <summary>The interim reports this grant must send, in order (none for a grant shorter than its round's interim period).</summary>
    public IReadOnlyList<InterimReportDue> InterimReportsDue => _interimReportsDue;
    /// <summary>When the reports were planned from the round's template: on approval.</summary>
    public DateTime? ReportsPlannedAtUtc { get; private set; }

    /// <summary>
    /// Sets what this grant must report and when, from its round's reporting template, on approval (ADR 0031): the final
    /// reports' days after the activities end, and an interim report for each whole period of the template's months.
    /// </summary>
    public void PlanReports(Reporting.ReportingTemplate template, DateTime nowUtc)
    {
        if (ActivityStart is not { } start || ActivityEnd is not { } end)
            throw new DomainException(DomainText.Get("Reporting.PlanNeedsDates"));
        if (template.Problems().FirstOrDefault() is { Message: not null } wrong) throw new DomainException(wrong.Message, wrong.Field);
        FinalReportDays = template.FinalReportDays;
        _interimReportsDue.Clear();
        foreach (var period in template.InterimPeriods(start, end))
            _interimReportsDue.Add(new InterimReportDue(Id, period));
        ReportsPlannedAtUtc = nowUtc;
    }
    /// <summary>An extension the ISU agreed: the final report's new due date, why, by whom and when (issue 14).</summary>
    public DateOnly? FinalReportExtendedTo { get; private set; }
    public string? FinalReportExtensionReason { get; private set; }
    public string? FinalReportExtendedByUserId { get; private set; }
    public DateTime? FinalReportExtendedAtUtc { get; private set; }
    public const int MaxExtensionReasonLength = 1000;

    /// <summary>When the final reports are due: an agreed extension's date, else 60 days after the activities end.</summary>
    public DateOnly? FinalReportDueOn => FinalReportDue(ActivityEnd, FinalReportDays, FinalReportExtendedTo);

    /// <summary>The rule of <see cref="FinalReportDueOn"/>, for an application read as a few columns.</summary>
    public static DateOnly? FinalReportDue(DateOnly? activityEnd, int finalReportDays, DateOnly? extendedTo) =>
        extendedTo ?? activityEnd?.AddDays(finalReportDays);

    /// <summary>Whether the ISU may still move the final report's due date: while the grant runs or its reports are awaited.</summary>
    public bool MayExtendFinalReport => Stage is GrantStages.Active or GrantStages.Reporting && FinalReportDueOn is not null;

    /// <summary>
    /// Every rule an extension to <paramref name="to"/> breaks, by field: a date later than the present due date and at
    /// most a year after the original one (extensions do not add up beyond it), and a reason.
    /// </summary>
    public IEnumerable<(string Field, string Message)> ExtensionProblems(DateOnly to, string? reason)
    {
        if (!MayExtendFinalReport)
        {
            yield return ("DueOn", DomainText.Get("Reporting.ExtensionNotNow"));
            yield break;
        }
        var current = FinalReportDueOn!.Value;
        var original = ActivityEnd!.Value.AddDays(FinalReportDays);
        if (to <= current)
            yield return ("DueOn", DomainText.Get("Reporting.ExtensionAfterCurrent", current));
        else if (to > original.AddYears(1))
            yield return ("DueOn", DomainText.Get("Reporting.ExtensionTooFar", original, original.AddYears(1)));
        if (string.IsNullOrWhiteSpace(reason)) yield return ("Reason", DomainText.Get("Reporting.NeedExtensionReason"));
        else if (reason.Trim().Length > MaxExtensionReasonLength) yield return ("Reason", DomainText.Get("Reporting.ExtensionReasonTooLong", MaxExtensionReasonLength));
    }

    /// <summary>
    /// Records an extension the ISU agreed with the grantee (<see cref="ExtensionProblems"/> says what it must be). The
    /// reminders then follow the new date (the caller reschedules the stage's timers).
    /// </summary>
    /// <exception cref="DomainException">The first rule the extension breaks.</exception>
    public void ExtendFinalReport(DateOnly to, string? reason, string userId, DateTime nowUtc)
    {
        if (ExtensionProblems(to, reason).FirstOrDefault() is { Message: not null } problem) throw new DomainException(problem.Message, problem.Field);
        FinalReportExtendedTo = to;
        FinalReportExtensionReason = reason!.Trim();
        FinalReportExtendedByUserId = userId;
        FinalReportExtendedAtUtc = nowUtc;
    }

    public GenderReview? GenderReview { get; private set; }
    public IReadOnlyList<ApplicationPartner> Partners => _partners;
    public IReadOnlyList<BudgetLine> BudgetLines => _budgetLines;
    public IReadOnlyList<Participant> Participants => _participants;
    public IReadOnlyList<CommitteeScore> Scores => _scores;
    public IReadOnlyList<GrantReport> Reports => _reports;
    public IReadOnlyList<LedgerEntry> LedgerEntries => _ledgerEntries;
    /// <summary>The agreement's payment schedule, in order.</summary>
    public IReadOnlyList<GrantTranche> Tranches => _tranches;
    public IReadOnlyList<DisbursementRequest> Disbursements => _disbursements;

    /// <summary>
    /// How many times this grant's money has moved; a concurrency token. Two payments or refunds checked against the same
    /// balance at once cannot both be saved: the second is refused and tried again against the new balance.
    /// </summary>
    public int LedgerVersion { get; private set; }
    public IReadOnlyList<ResultIndicator> Results => _results;
    public IReadOnlyList<PlannedActivity> Activities => _activities;
    public IReadOnlyList<ApplicationActionLink> ActionLinks => _actionLinks;
    public IReadOnlyList<ApplicationAttachment> Attachments => _attachments;
    public IReadOnlyList<EligibilityCheck> EligibilityChecks => _eligibilityChecks;
    public IReadOnlyList<ScreeningDecision> Screenings => _screenings;
    public IReadOnlyList<Clarification> Clarifications => _clarifications;
    public IReadOnlyList<ConflictDeclaration> Conflicts => _conflicts;

    /// <summary>The scores that count: those of members not recused, by their state or by a declared conflict.</summary>
    public IReadOnlyList<CommitteeScore> CountingScores => _scores.Where(s => !DeclaredConflict(s.MemberUserId)).ToList();

    /// <summary>The member declared a conflict on this application: any score of theirs is left out of every aggregate.</summary>
    public bool DeclaredConflict(string memberUserId) => _conflicts.Any(c => c.MemberUserId == memberUserId);

    /// <summary>The checks of the most recent run.</summary>
    public IReadOnlyList<EligibilityCheck> LatestChecks =>
        _eligibilityChecks.Count == 0 ? [] : _eligibilityChecks.Where(c => c.RunAtUtc == _eligibilityChecks.Max(x => x.RunAtUtc)).OrderBy(c => c.Position).ToList();

    public ScreeningDecision? LatestScreening => _screenings.OrderByDescending(s => s.DecidedAtUtc).FirstOrDefault();
    public Clarification? OpenClarification => _clarifications.FirstOrDefault(c => c.IsOpen);

    public ApplicationAttachment? EndorsementLetter => _attachments.FirstOrDefault(a => a.Kind == AttachmentKind.EndorsementLetter);

    /// <summary>Never throws: a page must show even a budget stored before the bounds existed.</summary>
    public Money RequestedAmount => RequestedOf(_budgetLines, Currency);

    /// <summary>What budget lines add up to: the request, for an application loaded or for rows read on their own.</summary>
    public static Money RequestedOf(IEnumerable<BudgetLine> lines, string currency) => new(Bounds.Sum(lines.Select(l => l.Total.Amount)), currency);
    public Money? ApprovedAmount => ApprovedAmountValue is { } value ? new Money(value, Currency) : null;

    public Money Disbursed => SumOf(LedgerEntryKind.Disbursement);
    public Money Refunded => SumOf(LedgerEntryKind.Refund);

    /// <summary>The final report that counts: the accepted one, or the one awaiting review.</summary>
    public GrantReport? FinalReport => FinalReports.Where(r => r.Status != ReportStatus.Returned).OrderByDescending(r => r.SubmittedAtUtc).FirstOrDefault();

    /// <summary>The final report the ISU accepted, the only one reconciliation counts (a grant terminated during review has none).</summary>
    public GrantReport? AcceptedReport => FinalReports.Where(r => r.Status == ReportStatus.Accepted).OrderByDescending(r => r.SubmittedAtUtc).FirstOrDefault();

    /// <summary>The versions of the final report (interim reports left out).</summary>
    private IEnumerable<GrantReport> FinalReports => _reports.Where(r => r.IsFinal);

    /// <summary>What the grantee reported spending, from the accepted final report.</summary>
    public Money? ReportedExpenditure => AcceptedReport is { } report ? new Money(report.ActualExpenditure, Currency) : null;

    /// <summary>A draft is editable; during a clarification, only the sections the ISU reopened.</summary>
    public bool IsEditable => Enum.GetValues<ProposalSection>().Any(IsSectionEditable);

    public bool IsSectionEditable(ProposalSection section) =>
        Stage == GrantStages.Draft || (Stage == GrantStages.ClarificationRequested && OpenClarification?.Sections.Contains(section) == true);

    public void UpdateDraft(string title, string? summary, DateOnly? activityStart, DateOnly? activityEnd)
    {
        EnsureEditable(ProposalSection.General);
        if (DateProblems(activityStart, activityEnd).FirstOrDefault() is { Message: not null } problem)
            throw new DomainException(problem.Message, problem.Field);
        EnsureText(nameof(Summary), summary);
        SetTitle(title);
        Summary = summary?.Trim() ?? "";
        ActivityStart = activityStart;
        ActivityEnd = activityEnd;
    }

    /// <summary>What is wrong with the activity period as typed, each with its field; <see cref="UpdateDraft"/> refuses the first.</summary>
    public static IEnumerable<(string Field, string Message)> DateProblems(DateOnly? activityStart, DateOnly? activityEnd)
    {
        if (activityStart is { } s && Bounds.Date(DomainText.Get("Label.ActivitiesStart"), s) is { } early) yield return (nameof(ActivityStart), early);
        if (activityEnd is { } e && Bounds.Date(DomainText.Get("Label.ActivitiesEnd"), e) is { } late) yield return (nameof(ActivityEnd), late);
        if (activityStart is { } start && activityEnd is { } end && end < start)
            yield return (nameof(ActivityEnd), DomainText.Get("Proposal.EndBeforeStart"));
    }

    public void ReplacePartners(IEnumerable<(Guid StatePartyId, PartnerRole Role)> partners)
    {
        EnsureEditable(ProposalSection.Partners);
        var list = partners.ToList();
        EnsureRows(nameof(Partners), "Noun.Partners", list.Count);
        if (list.Any(p => p.StatePartyId == ApplicantStateId))
            throw new DomainException(DomainText.Get("Proposal.PartnerIsApplicant"), nameof(Partners));
        if (list.Select(p => p.StatePartyId).Distinct().Count() != list.Count)
            throw new DomainException(DomainText.Get("Proposal.PartnerTwice"), nameof(Partners));
        _partners.Clear();
        _partners.AddRange(list.Select(p => new ApplicationPartner(p.StatePartyId, p.Role)));
    }

    public void ReplaceBudget(IEnumerable<(BudgetCategory Category, string Description, decimal Quantity, Money UnitCost)> lines)
    {
        EnsureEditable(ProposalSection.Budget);
        var list = lines.ToList();
        if (list.Any(l => l.UnitCost.Currency != Currency))
            throw new DomainException(DomainText.Get("Proposal.BudgetCurrency", Currency), nameof(BudgetLines));
        if (BudgetProblems(list.Select(l => ((string? Description, decimal? Quantity, decimal? UnitCost)?)(l.Description, l.Quantity, l.UnitCost.Amount)).ToList())
                .FirstOrDefault() is { Message: not null } problem)
            throw new DomainException(problem.Message, problem.Field);
        var newLines = list.Select((l, i) => new BudgetLine(l.Category, l.Description, l.Quantity, l.UnitCost, i + 1)).ToList();
        _budgetLines.Clear();
        _budgetLines.AddRange(newLines);
    }

    /// <summary>
    /// Every problem of a budget as typed (a null row is a blank one, skipped but counted for positions), each with its
    /// field ("BudgetLines[1].UnitCost"): the lines' own bounds, how many there are, and the total they ask for.
    /// <see cref="ReplaceBudget"/> refuses the first.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> BudgetProblems(
        IReadOnlyList<(string? Description, decimal? Quantity, decimal? UnitCost)?> rows)
    {
        var lines = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) continue;
            lines++;
            foreach (var (field, message) in BudgetLine.Problems(i + 1, row.Description, row.Quantity, row.UnitCost))
                yield return ($"{nameof(BudgetLines)}[{i}].{field}", message);
        }
        if (Bounds.Rows("Noun.BudgetLines", lines) is { } tooMany) yield return (nameof(BudgetLines), tooMany);
        var total = Bounds.Sum(rows.Select(r => r is { Quantity: { } q, UnitCost: { } u } ? Bounds.Product(q, u) : 0m));
        if (total > Bounds.MaxAmount)
            yield return (nameof(BudgetLines), DomainText.Get("Proposal.BudgetTotalTooLarge", Bounds.MaxAmount));
    }

    /// <summary>A delegation without age bands or disabilities stated: a shorthand for tests.</summary>
    internal void ReplaceParticipants(IEnumerable<(string Name, string Function, string Organisation, Sex Sex)> participants) =>
        ReplaceParticipants(participants.Select(p => (p.Name, p.Function, p.Organisation, p.Sex, AgeBand.NotStated, Disability.NotStated)));

    public void ReplaceParticipants(
        IEnumerable<(string Name, string Function, string Organisation, Sex Sex, AgeBand AgeBand, Disability Disability)> participants)
    {
        EnsureEditable(ProposalSection.Delegation);
        var list = participants.Select(p => new Participant(p.Name, p.Function, p.Organisation, p.Sex, p.AgeBand, p.Disability)).ToList();
        EnsureRows(nameof(Participants), "Noun.Participants", list.Count);
        _participants.Clear();
        _participants.AddRange(list);
    }

    /// <summary>
    /// Erases these names from the delegation, at the person's request and whatever the stage (ADR 0028): every member
    /// with one of them, whatever its capitals, is "(name erased)"; returns the members erased (none when only an earlier
    /// spelling, kept in the trail, was chosen).
    /// </summary>
    public IReadOnlyList<Guid> EraseParticipantNames(IReadOnlyCollection<string> names)
    {
        var erased = _participants.Where(p => !p.IsErased && names.Any(n => string.Equals(p.Name, n.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        foreach (var participant in erased) participant.EraseName();
        return [.. erased.Select(p => p.Id)];
    }

    /// <summary>The narrative parts of the proposal. Any may be blank in a draft; submission asks for them.</summary>
    public void DescribeProposal(ThematicArea areas, string? objectives, string? genderAnalysis, string? doNoHarm, string? followUpPlan)
    {
        SetThemes(areas);
        SetObjectives(objectives);
        SetGenderAndSafeguarding(genderAnalysis, doNoHarm);
        SetFollowUpPlan(followUpPlan);
    }

    public void SetThemes(ThematicArea areas)
    {
        EnsureEditable(ProposalSection.General);
        ThematicAreas = areas;
    }

    public void SetObjectives(string? objectives)
    {
        EnsureEditable(ProposalSection.Objectives);
        EnsureText(nameof(Objectives), objectives);
        Objectives = objectives?.Trim() ?? "";
    }

    public void SetGenderAndSafeguarding(string? genderAnalysis, string? doNoHarm)
    {
        EnsureEditable(ProposalSection.GenderAndSafeguarding);
        EnsureText(nameof(GenderAnalysis), genderAnalysis);
        EnsureText(nameof(DoNoHarm), doNoHarm);
        GenderAnalysis = genderAnalysis?.Trim() ?? "";
        DoNoHarm = doNoHarm?.Trim() ?? "";
    }

    public void SetFollowUpPlan(string? followUpPlan)
    {
        EnsureEditable(ProposalSection.FollowUp);
        EnsureText(nameof(FollowUpPlan), followUpPlan);
        FollowUpPlan = followUpPlan?.Trim() ?? "";
    }

    public void SetNationalContribution(decimal? cash, string? inKind)
    {
        EnsureEditable(ProposalSection.Budget);
        if (ContributionProblem(cash) is { } problem) throw new DomainException(problem, nameof(NationalContributionCash));
        EnsureText(nameof(NationalContributionInKind), inKind);
        NationalContributionCash = cash;
        NationalContributionInKind = inKind?.Trim() ?? "";
    }

    /// <summary>What is wrong with a national contribution in cash, if anything.</summary>
    public static string? ContributionProblem(decimal? cash) =>
        cash is { } c ? Bounds.Amount(DomainText.Get("Label.ContributionCash"), c, zeroAllowed: true) : null;

    public void ReplaceResults(IEnumerable<(string Result, string Indicator, string Target, bool BySex, bool ByAge)> results)
    {
        EnsureEditable(ProposalSection.Objectives);
        var list = results.Select((r, i) => new ResultIndicator(r.Result, r.Indicator, r.Target, r.BySex, r.ByAge) { Position = i + 1 }).ToList();
        EnsureRows(nameof(Results), "Noun.Results", list.Count);
        _results.Clear();
        _results.AddRange(list);
    }

    public void ReplaceActivities(IEnumerable<(string Description, DateOnly? Start, DateOnly? End, string Place, Guid? StateId)> activities)
    {
        EnsureEditable(ProposalSection.Activities);
        var list = activities.Select((a, i) => new PlannedActivity(a.Description, a.Start, a.End, a.Place, a.StateId) { Position = i + 1 }).ToList();
        EnsureRows(nameof(Activities), "Noun.Activities", list.Count);
        _activities.Clear();
        _activities.AddRange(list);
    }

    public void ReplaceActionPlanActions(IEnumerable<Guid> actionIds)
    {
        EnsureEditable(ProposalSection.General);
        var ids = actionIds.Distinct().ToList();
        EnsureRows(nameof(ActionLinks), "Noun.ActionPlanActions", ids.Count);
        _actionLinks.RemoveAll(l => !ids.Contains(l.ActionPlanActionId));
        _actionLinks.AddRange(ids.Where(id => _actionLinks.All(l => l.ActionPlanActionId != id)).Select(id => new ApplicationActionLink(id)));
    }

    /// <summary>Attaches a document; a new endorsement letter replaces the previous one. Returns the bytes to store beside it.</summary>
    public (ApplicationAttachment Attachment, StoredFile Content) Attach(AttachmentKind kind, string fileName, string contentType,
        byte[] bytes, string userId, DateTime nowUtc)
    {
        EnsureEditable(ProposalSection.Attachments);
        if (bytes.Length == 0) throw new DomainException(DomainText.Get("Proposal.FileEmpty", Path.GetFileName(fileName)), nameof(Attachments));
        if (bytes.Length > ApplicationAttachment.MaxBytes)
            throw new DomainException(DomainText.Get("Proposal.FileTooLarge", Path.GetFileName(fileName)), nameof(Attachments));
        if (kind == AttachmentKind.EndorsementLetter) _attachments.RemoveAll(a => a.Kind == AttachmentKind.EndorsementLetter);
        var attachment = new ApplicationAttachment(kind, fileName, contentType, bytes.Length, userId, nowUtc);
        _attachments.Add(attachment);
        return (attachment, new StoredFile(attachment.Id, bytes));
    }

    public void RemoveAttachment(Guid attachmentId)
    {
        EnsureEditable(ProposalSection.Attachments);
        if (_attachments.RemoveAll(a => a.Id == attachmentId) == 0)
            throw new DomainException(DomainText.Get("Proposal.NotAttached"), nameof(Attachments));
    }

    /// <summary>
    /// Everything that stops this proposal from being submitted, each with the part of the form it concerns, so that the
    /// applicant sees every problem at once.
    /// </summary>
    public IReadOnlyList<(string Field, string Message)> SubmissionProblems()
    {
        var problems = new List<(string, string)>();
        void Need(bool ok, string field, string message) { if (!ok) problems.Add((field, message)); }
        Need(Summary.Length > 0, nameof(Summary), DomainText.Get("Proposal.NeedSummary"));
        Need(ActivityStart is not null, nameof(ActivityStart), DomainText.Get("Proposal.NeedStart"));
        Need(ActivityEnd is not null, nameof(ActivityEnd), DomainText.Get("Proposal.NeedEnd"));
        Need(ThematicAreas != ThematicArea.None, nameof(ThematicAreas), DomainText.Get("Proposal.NeedTheme"));
        Need(_partners.Count > 0, nameof(Partners), DomainText.Get("Proposal.NeedPartner"));
        Need(Objectives.Length > 0, nameof(Objectives), DomainText.Get("Proposal.NeedObjectives"));
        Need(_results.Count > 0, nameof(Results), DomainText.Get("Proposal.NeedResult"));
        for (var i = 0; i < _results.Count; i++)
            Need(_results[i].Indicator.Length > 0, $"{nameof(Results)}[{i}].{nameof(ResultIndicator.Indicator)}",
                DomainText.Get("Proposal.NeedIndicator", i + 1));
        Need(_activities.Count > 0, nameof(Activities), DomainText.Get("Proposal.NeedActivity"));
        for (var i = 0; i < _activities.Count; i++)
        {
            var activity = _activities[i];
            Need(activity.Start is not null && activity.End is not null, $"{nameof(Activities)}[{i}].{nameof(PlannedActivity.Start)}",
                DomainText.Get("Proposal.ActivityNeedsDates", i + 1, activity.Description));
            Need(activity.Place.Length > 0, $"{nameof(Activities)}[{i}].{nameof(PlannedActivity.Place)}",
                DomainText.Get("Proposal.ActivityNeedsPlace", i + 1, activity.Description));
            if (activity is { Start: { } s, End: { } e } && ActivityStart is { } from && ActivityEnd is { } to)
                Need(s >= from && e <= to, $"{nameof(Activities)}[{i}].{nameof(PlannedActivity.Start)}",
                    DomainText.Get("Proposal.ActivityOutsidePeriod", i + 1, activity.Description, from, to));
        }
        Need(_participants.Count > 0, nameof(Participants), DomainText.Get("Proposal.NeedDelegation"));
        for (var i = 0; i < _participants.Count; i++)
            Need(_participants[i].Function.Length > 0 && _participants[i].Organisation.Length > 0,
                $"{nameof(Participants)}[{i}].{nameof(Participant.Function)}",
                DomainText.Get("Proposal.ParticipantNeedsFunction", _participants[i].Name));
        Need(_budgetLines.Count > 0, nameof(BudgetLines), DomainText.Get("Proposal.NeedBudget"));
        Need(GenderAnalysis.Length > 0, nameof(GenderAnalysis), DomainText.Get("Proposal.NeedGenderAnalysis"));
        Need(DoNoHarm.Length > 0, nameof(DoNoHarm), DomainText.Get("Proposal.NeedDoNoHarm"));
        Need(FollowUpPlan.Length > 0, nameof(FollowUpPlan), DomainText.Get("Proposal.NeedFollowUp"));
        Need(EndorsementLetter is not null, nameof(EndorsementLetter), DomainText.Get("Proposal.NeedEndorsement"));
        return problems;
    }

    /// <summary>
    /// Called by the workflow action that runs on submission: a complete proposal gets its reference the first time and
    /// keeps it when it is sent again after a clarification.
    /// </summary>
    public void MarkSubmitted(string reference, DateTime nowUtc)
    {
        var problems = SubmissionProblems();
        if (problems.Count > 0)
        {
            var (field, message) = problems[0];
            throw new DomainException(problems.Count == 1 ? message
                : DomainText.Get(problems.Count == 2 ? "Proposal.AndOneMore" : "Proposal.AndMore", message, problems.Count - 1), field);
        }
        if (Reference is { } given && given != reference)
            throw new DomainException(DomainText.Get("Proposal.KeepsReference", given, reference));
        Reference ??= reference;
        SubmittedAtUtc = nowUtc;
    }

    public void RecordDecision(Money approvedAmount, string rationale, string? conditions, DateTime nowUtc)
    {
        if (Stage != GrantStages.CommitteeReview)
            throw new DomainException(DomainText.Get("Committee.DecisionWhileReview"));
        if (DecidedAtUtc is { } decidedAt)
            throw new DomainException(DomainText.Get("Committee.AlreadyDecided", decidedAt));
        if (string.IsNullOrWhiteSpace(rationale))
            throw new DomainException(DomainText.Get("Committee.GiveRationale"), nameof(DecisionRationale));
        if (approvedAmount.Amount <= 0)
            throw new DomainException(DomainText.Get("Committee.AmountPositive"), nameof(ApprovedAmount));
        if (approvedAmount > RequestedAmount)
            throw new DomainException(DomainText.Get("Committee.AmountOverRequested", RequestedAmount), nameof(ApprovedAmount));
        if (Round is { } round && approvedAmount > round.Ceiling)
            throw new DomainException(DomainText.Get("Committee.AmountOverCeiling", round.Ceiling), nameof(ApprovedAmount));
        ApprovedAmountValue = approvedAmount.Amount;
        DecisionRationale = rationale.Trim();
        Conditions = string.IsNullOrWhiteSpace(conditions) ? null : conditions.Trim();
        DecidedAtUtc = nowUtc;
    }

    /// <summary>What remains of the commitment: the approved amount less what was paid.</summary>
    public Money Unpaid => (ApprovedAmount ?? Money.Zero(Currency)) - Disbursed;

    /// <summary>What the grantee received, less what it refunded.</summary>
    public Money PaidNet => Disbursed - Refunded;

    /// <summary>What finance accepted as spent for a grant terminated without an accepted final report (ADR 0024).</summary>
    public decimal? TerminationExpenditureValue { get; private set; }
    public string? TerminationExpenditureNote { get; private set; }
    /// <summary>A refund due that finance waived, below the fund's threshold, with who, when and why (ADR 0024).</summary>
    public decimal? RefundWaivedValue { get; private set; }
    public string? RefundWaiverReason { get; private set; }
    public string? RefundWaivedByUserId { get; private set; }
    public DateTime? RefundWaivedAtUtc { get; private set; }

    public const int SettlementNoteMaxLength = 1000;

    /// <summary>What the grantee spent as reconciliation counts it: the final report's figure, or what finance accepted at termination.</summary>
    public Money? SpendingReported => ReportedExpenditure ?? (TerminationExpenditureValue is { } accepted ? new Money(accepted, Currency) : null);

    /// <summary>The spending the fund pays for: what was reported, up to the approved amount (above it is the grantee's).</summary>
    public Money? AcceptedExpenditure => SpendingReported is { } spent && ApprovedAmount is { } approved ? (spent > approved ? approved : spent) : null;

    /// <summary>Spending above the approved amount, noted at closing and borne by the grantee; null when within it.</summary>
    public Money? Overspent => SpendingReported is { } spent && ApprovedAmount is { } approved && spent > approved ? spent - approved : null;

    public Money RefundWaived => new(RefundWaivedValue ?? 0m, Currency);

    /// <summary>Against the accepted expenditure: positive, still owed to the grantee; negative, to be refunded (less any waiver); null without a figure.</summary>
    public Money? StillOwed => AcceptedExpenditure is { } spent ? spent - PaidNet + RefundWaived : null;

    /// <summary>What the grantee must give back, or zero.</summary>
    public Money RefundDue => StillOwed is { Amount: < 0 } owed ? new Money(-owed.Amount, Currency) : Money.Zero(Currency);

    /// <summary>Why the grant cannot close yet, or null when it is balanced (the guard grant-balanced).</summary>
    public string? SettlementProblem()
    {
        if (AcceptedExpenditure is not { } spent)
            return DomainText.Get("Finance.NoAcceptedReport");
        if (_disbursements.Any(d => d.IsOpen)) return DomainText.Get("Finance.PaymentOpen");
        var owed = StillOwed!.Value;
        var net = PaidNet;
        return owed.Amount > 0 ? DomainText.Get("Finance.RecordFinalPayment", spent, net, owed)
            : owed.Amount < 0 ? DomainText.Get("Finance.RecordRefundFirst", spent, net, RefundDue)
            : null;
    }

    /// <summary>Why finance cannot record what it accepts as spent at termination now, or null.</summary>
    public string? TerminationExpenditureProblem(decimal? amount) =>
        Stage != GrantStages.FinalReconciliation ? OnlyAtReconciliation(DomainText.Get("Finance.WhatTerminationExpenditure"))
        : ReportedExpenditure is not null ? DomainText.Get("Finance.ReportGivesExpenditure")
        : RefundWaivedValue is > 0 ? DomainText.Get("Finance.FigureFixedByWaiver")
        : amount is not { } value ? DomainText.Get("Finance.GiveAcceptedAmount")
        : value < 0 ? DomainText.Get("Finance.AmountNotNegative")
        : !new Money(value, Currency).IsInMinorUnits ? DomainText.Get("Ledger.AmountCents")
        : value > Bounds.MaxAmount ? DomainText.Get("Finance.AmountAtMost", Bounds.MaxAmount)
        : null;

    /// <summary>For a grant terminated without a final report: what finance accepts as spent, from what the grantee showed, with why.</summary>
    public void RecordTerminationExpenditure(decimal? amount, string? note)
    {
        if (TerminationExpenditureProblem(amount) is { } problem) throw new DomainException(problem, nameof(TerminationExpenditureValue));
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException(DomainText.Get("Finance.SayWhatFigureRestsOn"), nameof(TerminationExpenditureNote));
        if (note.Trim().Length > SettlementNoteMaxLength)
            throw new DomainException(DomainText.Get("Finance.NoteTooLong", SettlementNoteMaxLength), nameof(TerminationExpenditureNote));
        TerminationExpenditureValue = amount;
        TerminationExpenditureNote = note.Trim();
        LedgerVersion++;
    }

    /// <summary>Why the refund due cannot be waived now under <paramref name="threshold"/>, or null.</summary>
    public string? WaiverProblem(Money threshold) =>
        Stage != GrantStages.FinalReconciliation ? OnlyAtReconciliation(DomainText.Get("Finance.WhatWaiver"))
        : RefundDue.Amount <= 0 ? DomainText.Get("Finance.NothingToWaive")
        : threshold.Currency != Currency ? DomainText.Get("Finance.WaiverCurrency", threshold.Currency, Currency)
        : RefundDue + RefundWaived > threshold
            ? RefundWaived.Amount > 0
                ? DomainText.Get("Finance.WaiverExceeded", RefundWaived, RefundDue, threshold)
                : DomainText.Get("Finance.WaiverAbove", RefundDue, threshold)
        : null;

    /// <summary>A small refund due is waived, recorded with who, when and why; the grant can then close.</summary>
    public void WaiveRefund(Money threshold, string? reason, string userId, DateTime nowUtc)
    {
        if (WaiverProblem(threshold) is { } problem) throw new DomainException(problem, nameof(RefundWaivedValue));
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(DomainText.Get("Finance.SayWhyWaived"), nameof(RefundWaiverReason));
        if (reason.Trim().Length > SettlementNoteMaxLength)
            throw new DomainException(DomainText.Get("Finance.WaiverReasonTooLong", SettlementNoteMaxLength), nameof(RefundWaiverReason));
        RefundWaivedValue = (RefundWaivedValue ?? 0m) + RefundDue.Amount;
        RefundWaiverReason = reason.Trim();
        RefundWaivedByUserId = userId;
        RefundWaivedAtUtc = nowUtc;
        LedgerVersion++;
    }


    /// <summary>What is wrong with paying <paramref name="amount"/> now, beside what is already on its way, if anything.</summary>
    public string? PaymentProblem(decimal amount)
    {
        var open = OpenDisbursements;
        var room = Unpaid - open;
        return amount <= 0 ? DomainText.Get("Finance.AmountPositive")
            : amount > room.Amount
                ? open.Amount > 0 ? DomainText.Get("Finance.PaymentAboveRoomLess", Unpaid, open) : DomainText.Get("Finance.PaymentAboveRoom", Unpaid)
            : StillOwed is { } owed && amount > (owed - open).Amount
                ? DomainText.Get(ReportedExpenditure is null ? "Finance.PaymentAboveOwedTermination" : "Finance.PaymentAboveOwedReport",
                    (owed - open).Amount > 0 ? owed - open : Money.Zero(Currency))
            : null;
    }

    /// <summary>Requested or approved payments not yet made, in the grant's currency.</summary>
    public Money OpenDisbursements => new(_disbursements.Where(d => d.IsOpen).Sum(d => d.Amount.Amount), Currency);

    /// <summary>What is wrong with a refund of <paramref name="amount"/>, if anything.</summary>
    public string? RefundProblem(decimal amount) =>
        amount <= 0 ? DomainText.Get("Finance.AmountPositive")
        : amount > PaidNet.Amount ? DomainText.Get("Finance.RefundAbovePaid", PaidNet)
        // Once the spending is accepted, what comes back is the refund due: more would leave the fund owing the grantee.
        : StillOwed is not null && amount > RefundDue.Amount
            ? RefundDue.Amount == 0
                ? StillOwed is { Amount: > 0 } owedToGrantee
                    ? DomainText.Get("Finance.NoRefundFundOwes", owedToGrantee)
                    : DomainText.Get("Finance.NoRefundBalanced")
                : RefundWaived.Amount > 0 ? DomainText.Get("Finance.RefundAboveDueAfterWaiver", RefundDue, RefundWaived) : DomainText.Get("Finance.RefundAboveDue", RefundDue)
        : null;

    /// <summary>The Geneva date of the committee's decision, or null before it.</summary>
    public DateOnly? DecidedOn => DecidedAtUtc is { } decidedAt ? FundTime.DateOf(decidedAt) : null;

    /// <summary>
    /// The signed agreement and its payment schedule (ADR 0023), once the committee has approved the grant. Recorded again
    /// to correct it until a payment has been requested.
    /// </summary>

    public void RecordAgreement(DateOnly signedOn, IReadOnlyList<TranchePlan> schedule, DateOnly today)
    {
        if (ApprovedAmount is not { } approved || Stage != GrantStages.Approved)
            throw new DomainException(DomainText.Get("Finance.AgreementStage", new StageName(Stage)));
        if (_disbursements.Count > 0)
            throw new DomainException(DomainText.Get("Finance.ScheduleFixed"));
        if (AgreementProblems(signedOn, schedule, approved, today, DecidedOn).FirstOrDefault() is { Message: not null } broken)
            throw new DomainException(broken.Message, broken.Field);
        AgreementSignedOn = signedOn;
        _tranches.Clear();
        var number = 0;
        foreach (var tranche in schedule.Where(t => t.Amount is not null))
            _tranches.Add(new GrantTranche(Id, ++number, new Money(tranche.Amount!.Value, Currency), tranche.Condition!.Value));
    }

    /// <summary>Every rule an agreement as typed breaks, each with its field (SignedOn, Tranches…).</summary>
    public static IEnumerable<(string Field, string Message)> AgreementProblems(DateOnly? signedOn, IReadOnlyList<TranchePlan> schedule,
        Money approved, DateOnly today, DateOnly? decidedOn = null)
    {
        if (signedOn is not { } signed) yield return ("SignedOn", DomainText.Get("Finance.GiveSignedOn"));
        else if (signed > today) yield return ("SignedOn", DomainText.Get("Finance.SignedInFuture"));
        else if (decidedOn is { } approvedOn && signed < approvedOn)
            yield return ("SignedOn", DomainText.Get("Finance.SignedBeforeApproval", approvedOn));
        else if (Bounds.Date(DomainText.Get("Finance.TheSigningDate"), signed) is { } outOfRange) yield return ("SignedOn", outOfRange);
        foreach (var problem in TrancheSchedule.Problems(schedule, approved)) yield return problem;
    }

    public const int SignedCopyMaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The signed agreement, scanned or photographed: the id its bytes are stored under (<see cref="StoredFile"/>, read only
    /// by a download, never with the grant), its name, type and size, and who recorded it when.
    /// </summary>
    public Guid? SignedCopyId { get; private set; }
    public string? SignedCopyFileName { get; private set; }
    public string? SignedCopyContentType { get; private set; }
    public long? SignedCopySize { get; private set; }
    public string? SignedCopyRecordedByUserId { get; private set; }
    public DateTime? SignedCopyRecordedAtUtc { get; private set; }

    /// <summary>
    /// Why the signed copy of the agreement cannot be recorded now, or null: it comes with or after the agreement, at any
    /// time until the grant closes; once a tranche is paid on the agreement, a copy recorded stays as it is.
    /// </summary>
    public string? SignedCopyProblem() =>
        Stage is not (GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation)
            ? DomainText.Get("Finance.SignedCopyStage", new StageName(Stage))
        : AgreementSignedOn is null ? DomainText.Get("Finance.AgreementBeforeCopy")
        : SignedCopyId is not null && _disbursements.Any(d => d.Status == DisbursementStatus.Paid)
            ? DomainText.Get("Finance.CopyKept")
        : null;

    /// <summary>
    /// Records the signed copy of the agreement, or a new one in place of the last (<see cref="SignedCopyProblem"/>). Returns
    /// the bytes to store beside the grant; a replaced copy's bytes stay stored, as the audit trail names them.
    /// </summary>
    public StoredFile RecordSignedCopy(string fileName, string contentType, byte[] bytes, string userId, DateTime nowUtc)
    {
        if (SignedCopyProblem() is { } problem) throw new DomainException(problem, nameof(SignedCopyId));
        var name = Bounds.FileName(fileName, nameof(SignedCopyId));
        if (bytes.Length == 0) throw new DomainException(DomainText.Get("Finance.CopyEmpty", name), nameof(SignedCopyId));
        if (bytes.Length > SignedCopyMaxBytes)
            throw new DomainException(DomainText.Get("Finance.CopyTooLarge", name, SignedCopyMaxBytes / 1024 / 1024), nameof(SignedCopyId));
        SignedCopyId = Guid.NewGuid();
        SignedCopyFileName = name;
        SignedCopyContentType = Bounds.ContentType(contentType);
        SignedCopySize = bytes.Length;
        SignedCopyRecordedByUserId = userId;
        SignedCopyRecordedAtUtc = nowUtc;
        return new StoredFile(SignedCopyId.Value, bytes);
    }

    /// <summary>The recipient's bank details, encrypted by the caller (Data Protection); never stored in clear (ADR 0023), never copied to the trail.</summary>
    [Auditing.AuditedAsSecret]
    public string? BankDetailsProtected { get; private set; }
    /// <summary>What pages show of the bank details (<see cref="Caf.Data.Finance.BankDetails.Masked"/>).</summary>
    public string? BankDetailsMasked { get; private set; }
    public string? BankDetailsChangedByUserId { get; private set; }
    public DateTime? BankDetailsChangedAtUtc { get; private set; }

    /// <summary>
    /// Where the grant is paid, from its approval until it closes; each change is audited (the masked form shows what
    /// changed). A payment approved or requested goes to the account as it stood then: changing it is refused meanwhile.
    /// </summary>
    public void SetBankDetails(string protectedDetails, string masked, string userId, DateTime nowUtc)
    {
        if (Stage is not (GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation))
            throw new DomainException(DomainText.Get("Finance.BankDetailsStage", new StageName(Stage)));
        if (_disbursements.Any(d => d.IsOpen))
            throw new DomainException(DomainText.Get("Finance.BankDetailsWhilePaying"), nameof(BankDetailsProtected));
        BankDetailsProtected = protectedDetails;
        BankDetailsMasked = masked;
        BankDetailsChangedByUserId = userId;
        BankDetailsChangedAtUtc = nowUtc;
        LedgerVersion++;
    }

    /// <summary>What may still be requested on tranche <paramref name="number"/>: its amount less what was paid or is on its way.</summary>
    public Money TrancheRemaining(int number) =>
        _tranches.FirstOrDefault(t => t.Number == number) is { } tranche
            ? tranche.Amount - new Money(_disbursements.Where(d => d.TrancheNumber == number && d.Status != DisbursementStatus.Cancelled)
                .Sum(d => d.Amount.Amount), Currency)
            : Money.Zero(Currency);

    /// <summary>Why tranche <paramref name="number"/> cannot be requested for <paramref name="amount"/> now, or null.</summary>
    public string? DisbursementRequestProblem(int number, decimal amount)
    {
        if (_tranches.FirstOrDefault(t => t.Number == number) is not { } tranche)
            return AgreementSignedOn is null ? DomainText.Get("Finance.RecordAgreementFirst") : DomainText.Get("Finance.NoSuchTranche", number);
        if (_disbursements.Any(d => d.TrancheNumber == number && d.IsOpen))
            return DomainText.Get("Finance.TrancheHasOpenPayment", number);
        if (BankDetailsProtected is null) return DomainText.Get("Finance.BankDetailsFirst");
        if (!tranche.IsDueAt(Stage))
            return tranche.Condition == TrancheCondition.AfterFinalReports
                ? DomainText.Get("Finance.TrancheAfterReports", number)
                : DomainText.Get("Finance.TrancheWhileRunning", number, new StageName(Stage));
        var remaining = TrancheRemaining(number);
        return amount > remaining.Amount ? DomainText.Get("Finance.TrancheLeft", number, remaining) : PaymentProblem(amount);
    }

    /// <summary>A finance officer asks for a tranche, or part of it, to be paid; another approves it (ADR 0023).</summary>
    public DisbursementRequest RequestDisbursement(int trancheNumber, Money amount, string userId, DateTime nowUtc)
    {
        if (amount.Currency != Currency)
            throw new DomainException(DomainText.Get("Finance.PaidInCurrency", Currency, amount.Currency), nameof(DisbursementRequest.Amount));
        if ((DisbursementRequestProblem(trancheNumber, amount.Amount) ?? LedgerEntry.AmountProblem(amount)) is { } problem)
            throw new DomainException(problem, nameof(DisbursementRequest.Amount));
        var request = new DisbursementRequest(Id, trancheNumber, amount, userId, nowUtc);
        _disbursements.Add(request);
        LedgerVersion++;
        return request;
    }

    /// <summary>
    /// A second finance officer approves the payment. The grant's ledger version moves, so that two approvals of the same
    /// request at once save one.
    /// </summary>
    public void ApproveDisbursement(Guid requestId, string userId, DateTime nowUtc)
    {
        Disbursement(requestId).Approve(userId, nowUtc);
        LedgerVersion++;
    }

    /// <summary>The approved payment made by the bank: booked at its value date's rate, the tranche paid.</summary>
    public LedgerEntry PayDisbursement(Guid requestId, Conversion paid, DateOnly valueDate, string bankReference, string userId, DateTime nowUtc)
    {
        var request = Disbursement(requestId);
        if (request.PaymentProblem() is { } notNow) throw new DomainException(notNow);
        if (paid.Amount != request.Amount)
            throw new DomainException(DomainText.Get("Finance.RecordApprovedAmount", request.Amount), nameof(LedgerEntry.Amount));
        if (BankText.Normalize(bankReference) is null)
            throw new DomainException(DomainText.Get("Payment.GiveReference"), nameof(LedgerEntry.BankReference));
        var entry = AddLedgerEntry(LedgerEntryKind.Disbursement, paid, valueDate, $"Tranche {request.TrancheNumber}: {Reference} {ApplicantState?.Name}",
            bankReference, userId, nowUtc, paying: request);
        request.MarkPaid(entry.Id);
        return entry;
    }

    /// <summary>A request or an approval withdrawn before the bank pays: nothing is booked.</summary>
    public void CancelDisbursement(Guid requestId, string reason, string userId, DateTime nowUtc)
    {
        Disbursement(requestId).Cancel(reason, userId, nowUtc);
        LedgerVersion++;
    }

    /// <summary>The payment with this id on this grant; a <see cref="DomainException"/> when there is none.</summary>
    public DisbursementRequest Disbursement(Guid requestId) =>
        _disbursements.FirstOrDefault(d => d.Id == requestId) ?? throw new DomainException(DisbursementRequest.NoLongerThere);

    /// <summary>At final reconciliation, what the grantee gave back, up to what it was paid net.</summary>
    public LedgerEntry RecordRefund(Conversion amount, DateOnly valueDate, string? bankReference, string userId, DateTime nowUtc) =>
        AddLedgerEntry(LedgerEntryKind.Refund, amount, valueDate, $"Refund received: {Reference}", bankReference, userId, nowUtc);

    /// <summary>The agreement's tranches are requested, approved and paid now: from its signature to final reconciliation.</summary>
    public bool MayPayTranches => AgreementSignedOn is not null
        && Stage is GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation;

    /// <summary>The refund from the grantee is recorded now: at final reconciliation.</summary>
    public bool MaySettle => Stage == GrantStages.FinalReconciliation;

    private string OnlyAtReconciliation(string what) =>
        DomainText.Get("Finance.OnlyAtReconciliation", what, new StageName(Stage));

    /// <summary>The gender focal point's checklist and marker, once, while the application is in gender review.</summary>
    public void CompleteGenderReview(GenderReview review)
    {
        if (Stage != GrantStages.GenderReview)
            throw new DomainException(DomainText.Get("Gender.CompletedInReview"));
        if (review.ApplicationId != Id) throw new DomainException(DomainText.Get("Gender.OtherApplication"));
        if (GenderReview is { } done)
            throw new DomainException(DomainText.Get("Gender.AlreadyCompleted", done.CompletedAtUtc));
        GenderReview = review;
    }

    /// <summary>A committee member whose state is the applicant or a partner is recused from this application.</summary>
    public bool IsRecused(Guid? memberStateId) => IsRecusedByState(memberStateId, ApplicantStateId, _partners.Select(p => p.StatePartyId));

    /// <summary>The rule of <see cref="IsRecused(Guid?)"/>, for an application read as a few columns.</summary>
    public static bool IsRecusedByState(Guid? memberStateId, Guid applicantStateId, IEnumerable<Guid> partnerStateIds) =>
        memberStateId is { } state && (state == applicantStateId || partnerStateIds.Contains(state));

    /// <summary>The committee has approved or rejected the application; a deferral decides nothing.</summary>
    public bool CommitteeHasDecided => HasDecided(DecidedAtUtc, Stage);

    /// <summary>The rule of <see cref="CommitteeHasDecided"/>, for an application read as a few columns.</summary>
    public static bool HasDecided(DateTime? decidedAtUtc, string stage) => decidedAtUtc is not null || stage == GrantStages.Rejected;

    /// <summary>Recused by state, or by a conflict the member declared.</summary>
    public bool IsRecused(string memberUserId, Guid? memberStateId) =>
        IsRecused(memberStateId) || DeclaredConflict(memberUserId);

    /// <summary>
    /// Who records the committee's decision on this application: the chair, unless the chair is recused from it; then
    /// only the member the ISU designated as acting chair for it.
    /// </summary>
    public bool MayDecide(string userId, Guid? stateId, bool holdsChair) =>
        (ActingChairUserId is not null && userId == ActingChairUserId) || (holdsChair && !IsRecused(userId, stateId));

    /// <summary>An acting chair may be designated now: while the committee reviews the application.</summary>
    public bool MayDesignateActingChair => Stage == GrantStages.CommitteeReview;

    /// <summary>
    /// The ISU designates a committee member to record the decision in place of a recused chair; designating again
    /// replaces the earlier one (the audit trail keeps both).
    /// </summary>
    public void DesignateActingChair(string memberUserId, string memberName, Guid? memberStateId, bool chairRecused, DateTime nowUtc)
    {
        if (!MayDesignateActingChair)
            throw new DomainException(DomainText.Get("Committee.ActingChairWhileReview"));
        if (!chairRecused)
            throw new DomainException(DomainText.Get("Committee.ChairNotRecused"));
        if (IsRecused(memberUserId, memberStateId))
            throw new DomainException(DomainText.Get("Committee.ActingChairRecused", memberName),
                "MemberUserId");
        ActingChairUserId = memberUserId;
        ActingChairName = memberName;
        ActingChairDesignatedAtUtc = nowUtc;
    }

    /// <summary>The member may declare a conflict of interest on this application now: <see cref="ConflictProblem"/> finds nothing.</summary>
    public bool MayDeclareConflict(string memberUserId, Guid? memberStateId) => ConflictProblem(memberUserId, memberStateId) is null;

    /// <summary>Why the member may not declare a conflict now, if so: it is not before the committee, or they are already recused.</summary>
    public string? ConflictProblem(string memberUserId, Guid? memberStateId) =>
        Stage != GrantStages.CommitteeReview ? DomainText.Get("Committee.ConflictWhileReview")
        : IsRecused(memberUserId, memberStateId) ? DomainText.Get("Committee.AlreadyRecused")
        : null;

    /// <summary>A member declares a conflict of interest; from then on they are recused and any score of theirs is left out.</summary>
    public ConflictDeclaration DeclareConflict(string memberUserId, string memberName, Guid? memberStateId, string reason, DateTime nowUtc)
    {
        if (ConflictProblem(memberUserId, memberStateId) is { } refused) throw new DomainException(refused);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException(DomainText.Get("Committee.SayConflict"), nameof(ConflictDeclaration.Reason));
        if (reason.Trim().Length > ConflictDeclaration.MaxReasonLength)
            throw new DomainException(DomainText.Get("Committee.ConflictTooLong", ConflictDeclaration.MaxReasonLength), nameof(ConflictDeclaration.Reason));
        var declaration = new ConflictDeclaration(Id, memberUserId, memberName, reason.Trim(), nowUtc);
        _conflicts.Add(declaration);
        return declaration;
    }

    /// <summary>The rubric version the committee scores this application under: its round's.</summary>
    public int RubricVersion => Round?.RubricVersion
        ?? throw new InvalidOperationException("Load the application's round: its rubric version comes from there.");

    /// <summary>
    /// A member's scores, criterion by criterion, under the round's rubric; sending them again revises them, until the
    /// committee decides.
    /// </summary>
    public CommitteeScore SubmitScores(ScoringRubric rubric, string memberUserId, string memberName, Guid? memberStateId, IReadOnlyList<CriterionScore> criteria,
        string? comment, DateTime nowUtc)
    {
        if (ScoringProblem(memberUserId, memberStateId) is { } refused) throw new DomainException(refused);
        if (_scores.FirstOrDefault(s => s.MemberUserId == memberUserId) is { } existing)
        {
            existing.Revise(rubric, criteria, comment, nowUtc);
            return existing;
        }
        if (rubric.Version != RubricVersion)
            throw new DomainException(DomainText.Get("Scoring.WrongVersion", RubricVersion, rubric.Version));
        var entry = new CommitteeScore(Id, memberUserId, memberName, rubric, criteria, comment, nowUtc);
        _scores.Add(entry);
        return entry;
    }

    /// <summary>The member has scores on this application (sending them again revises them).</summary>
    public bool HasScored(string memberUserId) => _scores.Any(s => s.MemberUserId == memberUserId);

    /// <summary>The member may score this application now (or revise their scores): <see cref="ScoringProblem"/> finds nothing.</summary>
    public bool MayScore(string memberUserId, Guid? memberStateId) => ScoringProblem(memberUserId, memberStateId) is null;

    /// <summary>Why the member may not score this application now, if so: recused, the committee has decided, or it is not before the committee.</summary>
    public string? ScoringProblem(string memberUserId, Guid? memberStateId) =>
        IsRecused(memberStateId) ? DomainText.Get("Scoring.RecusedByState")
        : DeclaredConflict(memberUserId) ? DomainText.Get("Scoring.DeclaredConflict")
        : DecidedAtUtc is not null ? DomainText.Get("Scoring.Decided")
        : Stage != GrantStages.CommitteeReview ? DomainText.Get("Scoring.WhileReview")
        : null;

    /// <summary>The grantee may send its final report now: <see cref="FinalReportProblem"/> finds nothing.</summary>
    public bool MaySubmitFinalReport => FinalReportProblem() is null;

    /// <summary>Why the grantee may not send its final report now, if so: reports are not due, or one is accepted or waiting for review.</summary>
    public string? FinalReportProblem() =>
        Stage != GrantStages.Reporting
            ? DomainText.Get("Reporting.FinalNotDue", new StageName(Stage))
        : SendingProblem(null);

    /// <summary>Whether this grant must send an interim report numbered <paramref name="number"/>.</summary>
    public bool HasInterimReport(int number) => _interimReportsDue.Any(d => d.Number == number);

    /// <summary>An interim report may be sent this many days before the end of the period it covers, not earlier.</summary>
    public const int InterimReportOpensDaysBefore = 14;

    /// <summary>
    /// Why the grantee may not send (or, without <paramref name="today"/>, write a draft of) interim report
    /// <paramref name="number"/> now, if so: the grant has no such report or is not running, the report is sent, or — on
    /// <paramref name="today"/> — its period is not near its end yet.
    /// </summary>
    public string? InterimReportProblem(int number, DateOnly? today = null)
    {
        if (_interimReportsDue.FirstOrDefault(d => d.Number == number) is not { } due) return DomainText.Get("Reporting.NoSuchInterim", number);
        if (Stage is not (GrantStages.Active or GrantStages.Reporting))
            return DomainText.Get("Reporting.InterimNotRunning", new StageName(Stage));
        if (today is { } day && day < due.PeriodTo.AddDays(-InterimReportOpensDaysBefore))
            return DomainText.Get("Reporting.InterimNotYet", number, due.PeriodTo, due.PeriodTo.AddDays(-InterimReportOpensDaysBefore));
        return SendingProblem(number);
    }

    /// <summary>One version at a time: none once accepted, none while one waits for review (the ISU reviews what it was sent).</summary>
    private string? SendingProblem(int? interim)
    {
        var versions = _reports.Where(r => r.InterimNumber == interim).ToList();
        return versions.Any(r => r.Status == ReportStatus.Accepted)
                ? interim is { } accepted ? DomainText.Get("Reporting.InterimAlreadyAccepted", accepted) : DomainText.Get("Reporting.FinalAlreadyAccepted")
            : versions.FirstOrDefault(r => r.Status == ReportStatus.Submitted) is { } waiting
                ? interim is { } n ? DomainText.Get("Reporting.InterimWaiting", n, waiting.SubmittedAtUtc) : DomainText.Get("Reporting.FinalWaiting", waiting.SubmittedAtUtc)
            : null;
    }

    /// <summary>The versions of the final report, or of interim report <paramref name="interim"/>, oldest first (each returned one kept with the ISU's comments).</summary>
    public IReadOnlyList<GrantReport> ReportVersions(int? interim = null) =>
        [.. _reports.Where(r => r.InterimNumber == interim).OrderBy(r => r.SubmittedAtUtc)];

    /// <summary>Whether the report (final, or interim <paramref name="interim"/>) is sent: awaiting review or accepted.</summary>
    public bool ReportSent(int? interim = null) =>
        _reports.Any(r => r.InterimNumber == interim && r.Status is ReportStatus.Submitted or ReportStatus.Accepted);

    /// <summary>The first interim report not yet sent (none sent, or the last one returned): what reminders are about.</summary>
    public InterimReportDue? NextInterimReport => _interimReportsDue.OrderBy(d => d.Number).FirstOrDefault(d => !ReportSent(d.Number));

    /// <summary>
    /// The ISU returns the report awaiting its review (the final one, or interim report <paramref name="interim"/>) with
    /// what must be revised (issue 14): the grantee may then send a new version, and the one returned is kept with the comments.
    /// </summary>
    /// <exception cref="DomainException">The report is not awaited, none waits for review, or no comments.</exception>
    public GrantReport ReturnReport(int? interim, string? comments, string userId, DateTime nowUtc)
    {
        if (interim is null && Stage != GrantStages.Reporting)
            throw new DomainException(DomainText.Get("Reporting.FinalReturnNotNow", new StageName(Stage)));
        if (interim is not null && Stage is not (GrantStages.Active or GrantStages.Reporting))
            throw new DomainException(DomainText.Get("Reporting.InterimReviewNotNow", new StageName(Stage)));
        var waiting = _reports.FirstOrDefault(r => r.InterimNumber == interim && r.Status == ReportStatus.Submitted)
                      ?? throw new DomainException(interim is { } n ? DomainText.Get("Reporting.NoInterimWaiting", n) : DomainText.Get("Reporting.NoFinalWaiting"));
        waiting.Return(comments, userId, nowUtc);
        return waiting;
    }

    /// <summary>The ISU accepts interim report <paramref name="number"/> as sent (the final report is accepted by the workflow's transition).</summary>
    public GrantReport AcceptInterimReport(int number)
    {
        if (Stage is not (GrantStages.Active or GrantStages.Reporting))
            throw new DomainException(DomainText.Get("Reporting.InterimReviewNotNow", new StageName(Stage)));
        var waiting = _reports.FirstOrDefault(r => r.InterimNumber == number && r.Status == ReportStatus.Submitted)
                      ?? throw new DomainException(DomainText.Get("Reporting.NoInterimWaiting", number));
        waiting.Accept();
        return waiting;
    }

    /// <summary>
    /// Interim report <paramref name="number"/>: the narrative (every indicator answered, who took part) and a file attached,
    /// or without one the narrative's own text kept as its file.
    /// </summary>
    public GrantReport SubmitInterimReport(int number, ReportNarrative narrative, string? fileName, string? contentType, byte[]? content,
        string userId, DateTime nowUtc)
    {
        if (InterimReportProblem(number, FundTime.DateOf(nowUtc)) is { } refused) throw new DomainException(refused);
        if (narrative.Problems(_results).FirstOrDefault() is { Message: not null } wrong) throw new DomainException(wrong.Message, wrong.Field);
        var report = content is null
            ? new GrantReport(Id, number, narrative, GrantReport.NarrativeFileName(number), "text/plain; charset=utf-8",
                System.Text.Encoding.UTF8.GetBytes(narrative.AsText($"{Reference} {Title}: interim report {number}")), userId, nowUtc)
            : new GrantReport(Id, number, narrative, fileName ?? "", contentType ?? "", content, userId, nowUtc);
        _reports.Add(report);
        return report;
    }

    /// <summary>
    /// The final report with what was spent on each budget line (every line, in the grant's currency, to the cent); its
    /// total is what reconciliation counts.
    /// </summary>
    public GrantReport SubmitFinalReport(string fileName, string contentType, byte[] content, IReadOnlyDictionary<Guid, decimal> actualByBudgetLine,
        string userId, DateTime nowUtc, ReportNarrative? narrative = null)
    {
        if (FinalReportProblem() is { } refused) throw new DomainException(refused);
        if (narrative?.Problems(_results).FirstOrDefault() is { Message: not null } untold) throw new DomainException(untold.Message, untold.Field);
        if (SpendingProblems(_budgetLines, actualByBudgetLine).FirstOrDefault() is { Message: not null } wrong)
            throw new DomainException(wrong.Message, wrong.Field);
        var report = new GrantReport(Id, fileName, contentType, content,
            [.. _budgetLines.OrderBy(l => l.Position).Select(l => (l, actualByBudgetLine[l.Id]))], userId, nowUtc);
        if (narrative is not null) report.Narrate(narrative);
        _reports.Add(report);
        return report;
    }

    /// <summary>Every rule the spending per budget line breaks, by field "Lines[i]" in budget order: one figure per line, zero or more, to the cent.</summary>
    public static IEnumerable<(string Field, string Message)> SpendingProblems(IReadOnlyList<BudgetLine> budget, IReadOnlyDictionary<Guid, decimal?> actual)
    {
        var ordered = budget.OrderBy(l => l.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var line = ordered[i];
            if (!actual.TryGetValue(line.Id, out var spent) || spent is not { } value)
                yield return ($"Lines[{i}]", DomainText.Get("Reporting.NeedSpent", line.Description));
            else if (GrantReport.ExpenditureProblem(value) is { } problem) yield return ($"Lines[{i}]", DomainText.Get("Reporting.LineProblem", line.Description, problem));
        }
        if (actual.Keys.Except(ordered.Select(l => l.Id)).Any()) yield return ("Lines", DomainText.Get("Reporting.OnlyOurLines"));
    }

    private static IEnumerable<(string Field, string Message)> SpendingProblems(IReadOnlyList<BudgetLine> budget, IReadOnlyDictionary<Guid, decimal> actual) =>
        SpendingProblems(budget, actual.ToDictionary(p => p.Key, p => (decimal?)p.Value));

    /// <summary>A final report giving only its total: for a grant whose budget has no lines to report on (kept for such grants and for tests of totals).</summary>
    internal GrantReport SubmitFinalReport(string fileName, string contentType, byte[] content, decimal actualExpenditure,
        string userId, DateTime nowUtc)
    {
        if (FinalReportProblem() is { } refused) throw new DomainException(refused);
        var report = new GrantReport(Id, fileName, contentType, content, actualExpenditure, userId, nowUtc);
        _reports.Add(report);
        return report;
    }

    /// <summary>
    /// Books a movement of this grant's money, at the stage where it happens and within what the grant allows; the named
    /// methods (<see cref="PayDisbursement"/>, <see cref="RecordRefund"/>) say which.
    /// </summary>
    /// <remarks>
    /// Internal: the workflow actions (commit-funds, release-commitment) and the named methods book entries. A payment
    /// is booked in fund currency at its commitment's rate, so that the commitment empties exactly; what the value
    /// date's rate makes of it beyond that is an exchange loss or gain entry beside it (ADR 0022).
    /// </remarks>
    internal LedgerEntry AddLedgerEntry(LedgerEntryKind kind, Conversion conversion, DateOnly valueDate, string description,
        string? bankReference, string userId, DateTime nowUtc, DisbursementRequest? paying = null)
    {
        var amount = conversion.Amount;
        if (kind == LedgerEntryKind.Disbursement && paying is null)
            throw new DomainException(DomainText.Get("Finance.PaymentFourEyes"));
        if (amount.Currency != Currency)
            throw new DomainException(DomainText.Get("Finance.MovesInCurrency", Currency, amount.Currency), nameof(LedgerEntry.Amount));
        if (BookingStageProblem(kind) is { } wrongStage) throw new DomainException(wrongStage);
        // Money is booked once it has moved: a future value date would leave today's balances wrong until that day.
        if (valueDate > FundTime.DateOf(nowUtc))
            throw new DomainException(DomainText.Get("Finance.ValueDateFuture", valueDate),
                nameof(Finance.BankPayment.ValueDate));
        if (ValueDateProblem(kind, valueDate) is { } tooEarly) throw new DomainException(tooEarly, nameof(Finance.BankPayment.ValueDate));
        var overCap = kind switch
        {
            // The request being paid is counted among the open ones: its own amount is within its room.
            LedgerEntryKind.Disbursement => amount.Amount > (Unpaid - OpenDisbursements + paying!.Amount).Amount
                ? DomainText.Get("Finance.PaymentAboveRoom", Unpaid) : null,
            LedgerEntryKind.Refund => RefundProblem(amount.Amount),
            LedgerEntryKind.Commitment => CommitmentProblem(amount),
            LedgerEntryKind.CommitmentRelease => CommitmentReleaseProblem(amount),
            _ => null,
        };
        if (overCap is not null) throw new DomainException(overCap, nameof(LedgerEntry.Amount));
        if (BankPayment.ReferenceProblem(bankReference) is { } unreadable) throw new DomainException(unreadable, nameof(LedgerEntry.BankReference));
        // The same bank transfer recorded twice (a re-sent form, two officers at once) would pay or count it twice.
        if (_ledgerEntries.FirstOrDefault(e => e.Kind == kind && e.ReversesEntryId is null && BankText.SameReference(e.BankReference, bankReference)) is { } twice)
            throw new DomainException(
                DomainText.Get("Finance.TransferTwiceOnGrant", twice.BankReference, twice.Amount, twice.ValueDate),
                nameof(LedgerEntry.BankReference));
        // A draw is weighed against its commitment in the same fund currency; a fund whose currency changed since would mix them.
        if (kind is LedgerEntryKind.Disbursement or LedgerEntryKind.CommitmentRelease && CommitmentEntry is { } committedIn
            && committedIn.FundAmount.Currency != conversion.FundAmount.Currency)
            throw new DomainException(DomainText.Get("Finance.CommittedInOtherCurrency", committedIn.FundAmount.Currency, conversion.FundAmount.Currency),
                nameof(LedgerEntry.Amount));
        LedgerVersion++;
        var booked = kind is LedgerEntryKind.Disbursement or LedgerEntryKind.CommitmentRelease && CommitmentEntry is { } commitment
            ? DrawnFromCommitment(amount, commitment)
            : conversion;
        var entry = new LedgerEntry(kind, booked, valueDate, description, bankReference, Id, userId, nowUtc);
        _ledgerEntries.Add(entry);
        if (kind == LedgerEntryKind.Disbursement && conversion.FundAmount != booked.FundAmount)
        {
            var difference = conversion.FundAmount - booked.FundAmount;
            var loss = difference.Amount > 0;
            _ledgerEntries.Add(new LedgerEntry(loss ? LedgerEntryKind.ExchangeLoss : LedgerEntryKind.ExchangeGain,
                Conversion.Same(new Money(Math.Abs(difference.Amount), difference.Currency), conversion.RateDate), valueDate,
                $"Exchange {(loss ? "loss" : "gain")}: {amount} paid at {ExchangeRate.Format(conversion.Rate)} ({conversion.Source}, {conversion.RateDate:yyyy-MM-dd}) against {ExchangeRate.Format(booked.Rate)} committed; {Reference}",
                bankReference, Id, userId, nowUtc));
        }
        return entry;
    }

    /// <summary>
    /// On closing, what was committed and never paid goes back to the fund, at the commitment's own rate so that the
    /// commitment ends at exactly zero in both currencies.
    /// </summary>
    public LedgerEntry? ReleaseUnpaidCommitment(string userId, DateTime nowUtc)
    {
        if (CommitmentEntry is not { } commitment) return null;
        var unpaid = Committed - Disbursed;
        if (unpaid.Amount <= 0) return null;
        return AddLedgerEntry(LedgerEntryKind.CommitmentRelease,
            Conversion.At(unpaid, commitment.FundAmount.Currency, commitment.Rate, commitment.RateDate, commitment.RateSource),
            FundTime.DateOf(nowUtc), $"Unpaid commitment released: {Reference}", null, userId, nowUtc);
    }

    /// <summary>
    /// A payment or a release, in fund currency at the commitment's rate: what all draws so far come to, rounded once,
    /// less what the earlier draws were booked at. Rounding each draw on its own could leave a cent committed, or take
    /// one too many; this way the draws add up to the commitment's own amount exactly when the grant's amount is drawn.
    /// </summary>
    private Conversion DrawnFromCommitment(Money amount, LedgerEntry commitment)
    {
        var draws = _ledgerEntries.Where(e => e.Kind is LedgerEntryKind.Disbursement or LedgerEntryKind.CommitmentRelease).ToList();
        var drawnBefore = draws.Sum(e => e.Sign * e.Amount.Amount);
        var bookedBefore = draws.Sum(e => e.Sign * e.FundAmount.Amount);
        var fundCurrency = commitment.FundAmount.Currency;
        var total = new Money((drawnBefore + amount.Amount) * commitment.Rate, fundCurrency).Round();
        return new Conversion(amount, new Money(total.Amount - bookedBefore, fundCurrency), commitment.Rate, commitment.RateDate, commitment.RateSource);
    }

    /// <summary>The commitment booked on approval, unless it was reversed.</summary>
    /// <summary>
    /// Money reaches or leaves the grantee after the fund committed it, and a tranche after the agreement was signed: an earlier
    /// value date would make the balances as of that date show a payment against nothing.
    /// </summary>
    private string? ValueDateProblem(LedgerEntryKind kind, DateOnly valueDate) =>
        kind is not (LedgerEntryKind.Disbursement or LedgerEntryKind.Refund) ? null
        : kind == LedgerEntryKind.Disbursement && AgreementSignedOn is { } signed && valueDate < signed
            ? DomainText.Get("Finance.ValueDateBeforeSigning", valueDate, signed)
        : CommitmentEntry is { } commitment && valueDate < commitment.ValueDate
            ? DomainText.Get("Finance.ValueDateBeforeCommitment", valueDate, commitment.ValueDate)
        : null;

    private LedgerEntry? CommitmentEntry =>
        _ledgerEntries.FirstOrDefault(e => e.Kind == LedgerEntryKind.Commitment && e.ReversesEntryId is null
                                            && _ledgerEntries.All(r => r.ReversesEntryId != e.Id));

    /// <summary>Which stage books which kind of entry on a grant; null when <paramref name="kind"/> may be booked now.</summary>
    private string? BookingStageProblem(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Contribution =>
            DomainText.Get("Finance.ContributionNotOnGrant"),
        LedgerEntryKind.Commitment when Stage != GrantStages.Approved => DomainText.Get("Finance.CommitOnApproval"),
        LedgerEntryKind.Disbursement when Stage is not (GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation) =>
            DomainText.Get("Finance.PaidStage", new StageName(Stage)),
        LedgerEntryKind.Refund when !MaySettle => OnlyAtReconciliation(DomainText.Get("Finance.WhatRefund")),
        LedgerEntryKind.BankCharge when Stage is not (GrantStages.Approved or GrantStages.Active or GrantStages.Reporting or GrantStages.FinalReconciliation) =>
            DomainText.Get("Finance.ChargesStage", new StageName(Stage)),
        LedgerEntryKind.CommitmentRelease when Stage != GrantStages.Closed =>
            DomainText.Get("Finance.ReleaseOnClosing"),
        _ => null,
    };

    /// <summary>What the fund has committed to this grant and not released.</summary>
    public Money Committed => SumOf(LedgerEntryKind.Commitment) - SumOf(LedgerEntryKind.CommitmentRelease);

    /// <summary>A grant's funds are committed once, for at most the approved amount.</summary>
    private string? CommitmentProblem(Money amount) =>
        ApprovedAmount is not { } approved ? DomainText.Get("Finance.CommitApprovedOnly")
        : _ledgerEntries.FirstOrDefault(e => e.Kind == LedgerEntryKind.Commitment) is { } booked
            ? DomainText.Get("Finance.AlreadyCommitted", booked.Amount, booked.ValueDate)
        : amount.Amount <= 0 || amount > approved ? DomainText.Get("Finance.CommitmentBounds", approved)
        : null;

    /// <summary>What is released goes back to the fund: at most what is committed and was not paid.</summary>
    private string? CommitmentReleaseProblem(Money amount)
    {
        var releasable = Committed - Disbursed;
        return amount.Amount <= 0 ? DomainText.Get("Finance.AmountPositive")
            : amount > releasable
                ? DomainText.Get("Finance.ReleaseAbove", releasable.Amount < 0 ? Money.Zero(Currency) : releasable)
            : null;
    }

    private Money SumOf(LedgerEntryKind kind) =>
        new(_ledgerEntries.Where(e => e.Kind == kind).Sum(e => e.Sign * e.Amount.Amount), Currency);

    private void SetTitle(string title)
    {
        if (TitleProblem(title) is { } problem) throw new DomainException(problem, nameof(Title));
        Title = title.Trim();
    }

    /// <summary>What is wrong with a title as typed, if anything.</summary>
    public static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? DomainText.Get("Proposal.NeedTitle")
        : title.Trim().Length > 200 ? DomainText.Get("Proposal.TitleTooLong", 200)
        : null;

    /// <summary>The longest each narrative part may be, and the key of what a person is told when it is longer.</summary>
    private static readonly Dictionary<string, (int Max, string TooLong)> TextLimits = new(StringComparer.Ordinal)
    {
        [nameof(Summary)] = (4000, "Proposal.SummaryTooLong"),
        [nameof(Objectives)] = (4000, "Proposal.ObjectivesTooLong"),
        [nameof(GenderAnalysis)] = (4000, "Proposal.GenderAnalysisTooLong"),
        [nameof(DoNoHarm)] = (4000, "Proposal.DoNoHarmTooLong"),
        [nameof(FollowUpPlan)] = (4000, "Proposal.FollowUpTooLong"),
        [nameof(NationalContributionInKind)] = (2000, "Proposal.InKindTooLong"),
    };

    /// <summary>What is wrong with the text of a narrative part (<paramref name="field"/>: Summary, Objectives…) as typed, if anything.</summary>
    public static string? TextProblem(string field, string? text) =>
        text is { Length: var length } && TextLimits.TryGetValue(field, out var limit) && length > limit.Max
            ? DomainText.Get(limit.TooLong, limit.Max)
            : null;

    private static void EnsureText(string field, string? text)
    {
        if (TextProblem(field, text) is { } problem) throw new DomainException(problem, field);
    }

    /// <summary>Refuses, naming the stage, when no part of the proposal may change now.</summary>
    public void EnsureEditable()
    {
        if (!IsEditable) throw NotEditable();
    }

    private void EnsureEditable(ProposalSection section)
    {
        if (IsSectionEditable(section)) return;
        throw Stage == GrantStages.ClarificationRequested
            ? new DomainException(DomainText.Get("Proposal.SectionNotReopened", DomainText.SectionName(section)))
            : NotEditable();
    }

    private DomainException NotEditable() => new(DomainText.Get("Proposal.NotEditable", new StageName(Stage)));

    private static void EnsureRows(string field, string noun, int count)
    {
        if (Bounds.Rows(noun, count) is { } problem) throw new DomainException(problem, field);
    }

    /// <summary>Keeps a run of the automatic eligibility checks; earlier runs stay on record.</summary>
    public void RecordEligibilityChecks(IEnumerable<(string Code, string Title, bool Passed, string Reason)> outcomes, DateOnly asOf, DateTime nowUtc)
    {
        // The workflow runs them on entering the screening; the ISU runs them again during it.
        if (Stage != GrantStages.EligibilityScreening) throw new DomainException(DomainText.Get("Screening.ChecksOnlyDuring"));
        var run = Guid.NewGuid();
        _eligibilityChecks.AddRange(outcomes.Select((o, i) => new EligibilityCheck(run, nowUtc, asOf, i + 1, o.Code, o.Title, o.Passed, o.Reason)));
    }

    /// <summary>The ISU's screening: every checklist item answered and a rationale the applicant will read.</summary>
    public ScreeningDecision RecordScreening(ScreeningOutcome outcome, IReadOnlyList<ScreeningAnswer> answers, string rationale,
        string userId, DateTime nowUtc)
    {
        if (Stage != GrantStages.EligibilityScreening) throw new DomainException(DomainText.Get("Screening.DecisionsOnlyDuring"));
        var screening = new Eligibility.Screening(outcome, answers.Select(a => (bool?)a.Met).ToList(), answers.Select(a => (string?)a.Note).ToList(),
            rationale, null, []);
        var problem = screening.DecisionProblems().FirstOrDefault();
        if (problem.Message is not null) throw new DomainException(problem.Message, problem.Field);
        var decision = new ScreeningDecision(outcome, answers, rationale.Trim(), userId, nowUtc);
        _screenings.Add(decision);
        return decision;
    }

    /// <summary>The ISU's questions to the applicant during the screening, reopening the sections the applicant may change.</summary>
    public Clarification RequestClarification(string questions, IReadOnlyCollection<ProposalSection> sections, string userId, DateTime nowUtc)
    {
        if (Stage != GrantStages.EligibilityScreening) throw new DomainException(DomainText.Get("Screening.QuestionsOnlyDuring"));
        if (Eligibility.Screening.QuestionsProblem(questions, required: true) is { } problem) throw new DomainException(problem.Message, problem.Field);
        if (OpenClarification is not null) throw new DomainException(DomainText.Get("Clarification.AlreadyOpen"));
        var clarification = new Clarification(questions.Trim(), sections, userId, nowUtc);
        _clarifications.Add(clarification);
        return clarification;
    }

    /// <summary>The applicant's answer; the reopened sections lock again when the answer is sent.</summary>
    public void AnswerClarification(string answer, string userId, DateTime nowUtc)
    {
        if (Stage != GrantStages.ClarificationRequested)
            throw new DomainException(DomainText.Get("Clarification.NotWaiting", new StageName(Stage)));
        var open = OpenClarification ?? throw new DomainException(DomainText.Get("Clarification.NoQuestion"));
        if (string.IsNullOrWhiteSpace(answer)) throw new DomainException(DomainText.Get("Clarification.NeedAnswer"), nameof(Clarification.Answer));
        if (answer.Trim().Length > 4000) throw new DomainException(DomainText.Get("Clarification.AnswerTooLong", 4000), nameof(Clarification.Answer));
        open.Record(answer.Trim(), userId, nowUtc);
    }
}
