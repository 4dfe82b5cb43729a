using Caf.Data.Entities;

namespace Caf.Data.Applications;

/// <summary>
/// What an applicant sends for their draft, from the Edit page or the API: every part may be blank while it is a draft.
/// Rows are kept in the order typed, blank ones included, so that a problem names the row the person sees.
/// <see cref="Problems"/> lists every broken rule at once, by the application's field ("Participants[1].Name");
/// <see cref="ApplyTo"/> writes it through the application's own methods, which refuse the first.
/// </summary>
public sealed record ProposalDraft
{
    public Guid? RoundId { get; init; }
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public DateOnly? ActivityStart { get; init; }
    public DateOnly? ActivityEnd { get; init; }
    public ThematicArea Themes { get; init; }
    public IReadOnlyList<Guid> Actions { get; init; } = [];
    public string? Objectives { get; init; }
    public string? GenderAnalysis { get; init; }
    public string? DoNoHarm { get; init; }
    public string? FollowUpPlan { get; init; }
    public decimal? ContributionCash { get; init; }
    public string? ContributionInKind { get; init; }
    /// <summary>The currency the budget is written in, when the sender says; it must be the round's.</summary>
    public string? Currency { get; init; }
    public IReadOnlyList<PartnerRow> Partners { get; init; } = [];
    public IReadOnlyList<ResultRow> Results { get; init; } = [];
    public IReadOnlyList<ActivityRow> Activities { get; init; } = [];
    public IReadOnlyList<BudgetRow> Budget { get; init; } = [];
    public IReadOnlyList<ParticipantRow> Delegation { get; init; } = [];

    public sealed record PartnerRow(Guid? StatePartyId, PartnerRole Role)
    {
        public bool IsBlank => StatePartyId is null;
    }

    public sealed record ResultRow(string? Result, string? Indicator, string? Target, bool BySex, bool ByAge)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Result) && string.IsNullOrWhiteSpace(Indicator) && string.IsNullOrWhiteSpace(Target);
    }

    public sealed record ActivityRow(string? Description, DateOnly? Start, DateOnly? End, string? Place, Guid? StatePartyId)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Start is null && End is null && string.IsNullOrWhiteSpace(Place);
    }

    public sealed record BudgetRow(BudgetCategory Category, string? Description, decimal? Quantity, decimal? UnitCost)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Description) && Quantity is null && UnitCost is null;
    }

    public sealed record ParticipantRow(string? Name, string? Function, string? Organisation, Sex Sex, AgeBand AgeBand, Disability Disability)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Function) && string.IsNullOrWhiteSpace(Organisation);
    }

    /// <summary>Every rule the draft breaks as typed, each with the application's field; empty when it may be saved.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (GrantApplication.TitleProblem(Title) is { } title) yield return (nameof(GrantApplication.Title), title);
        foreach (var (field, text) in new[] { (nameof(GrantApplication.Summary), Summary), (nameof(GrantApplication.Objectives), Objectives),
                     (nameof(GrantApplication.GenderAnalysis), GenderAnalysis), (nameof(GrantApplication.DoNoHarm), DoNoHarm),
                     (nameof(GrantApplication.FollowUpPlan), FollowUpPlan), (nameof(GrantApplication.NationalContributionInKind), ContributionInKind) })
            if (GrantApplication.TextProblem(field, text) is { } tooLong) yield return (field, tooLong);
        foreach (var problem in TooLong(Results, nameof(GrantApplication.Results),
                         r => [("Result", r.Result, 1000), ("Indicator", r.Indicator, 1000), ("Target", r.Target, 500)])
                     .Concat(TooLong(Activities, nameof(GrantApplication.Activities),
                         r => [("Description", r.Description, 1000), ("Place", r.Place, 200)]))
                     .Concat(TooLong(Delegation, nameof(GrantApplication.Participants),
                         r => [("Name", r.Name, 200), ("Function", r.Function, 200), ("Organisation", r.Organisation, 200)])))
            yield return problem;
        for (var i = 0; i < Results.Count; i++)
            if (!Results[i].IsBlank && string.IsNullOrWhiteSpace(Results[i].Result))
                yield return ($"{nameof(GrantApplication.Results)}[{i}].Result", DomainText.Get("Proposal.ResultNeedsDescription", i + 1));
        for (var i = 0; i < Activities.Count; i++)
        {
            var row = Activities[i];
            if (row.IsBlank) continue;
            var field = $"{nameof(GrantApplication.Activities)}[{i}]";
            if (string.IsNullOrWhiteSpace(row.Description)) yield return ($"{field}.Description", DomainText.Get("Proposal.ActivityNeedsDescription", i + 1));
            if (row.Start is { } start && row.End is { } end && end < start)
                yield return ($"{field}.End", DomainText.Get("Proposal.ActivityEndBeforeStart", i + 1));
            if (row.Start is { } first && Bounds.Date(DomainText.Get("Proposal.StartOfActivity", i + 1), first) is { } early)
                yield return ($"{field}.Start", early);
            if (row.End is { } last && Bounds.Date(DomainText.Get("Proposal.EndOfActivity", i + 1), last) is { } late)
                yield return ($"{field}.End", late);
        }
        if (GrantApplication.ContributionProblem(ContributionCash) is { } contribution)
            yield return (nameof(GrantApplication.NationalContributionCash), contribution);
        foreach (var problem in GrantApplication.BudgetProblems(Budget
                     .Select(b => b.IsBlank ? null : ((string? Description, decimal? Quantity, decimal? UnitCost)?)(b.Description, b.Quantity, b.UnitCost))
                     .ToList()))
            yield return problem;
        foreach (var problem in GrantApplication.DateProblems(ActivityStart, ActivityEnd)) yield return problem;
        foreach (var (field, noun, count) in new[] {
                     (nameof(GrantApplication.Partners), "Noun.Partners", Partners.Count(p => !p.IsBlank)),
                     (nameof(GrantApplication.Results), "Noun.Results", Results.Count(r => !r.IsBlank)),
                     (nameof(GrantApplication.Activities), "Noun.Activities", Activities.Count(a => !a.IsBlank)),
                     (nameof(GrantApplication.Participants), "Noun.Participants", Delegation.Count(d => !d.IsBlank)),
                     (nameof(GrantApplication.ActionLinks), "Noun.ActionPlanActions", Actions.Distinct().Count()) })
            if (Bounds.Rows(noun, count) is { } tooMany) yield return (field, tooMany);
        for (var i = 0; i < Delegation.Count; i++)
            if (!Delegation[i].IsBlank && string.IsNullOrWhiteSpace(Delegation[i].Name))
                yield return ($"{nameof(GrantApplication.Participants)}[{i}].Name", DomainText.Get("Proposal.ParticipantNeedsName", i + 1));
    }

    /// <summary>
    /// Partners, places and action-plan actions are chosen from lists: an id that names none of them (a tampered form or
    /// a client's code) is refused against its field rather than by the database. A partner is another State Party than
    /// the applicant's own, listed once.
    /// </summary>
    public IEnumerable<(string Field, string Message)> ReferenceProblems(IReadOnlyCollection<StateParty> states, IReadOnlyCollection<Guid> actions,
        Guid? applicantStateId)
    {
        var listed = new HashSet<Guid>();
        for (var i = 0; i < Partners.Count; i++)
        {
            if (Partners[i].StatePartyId is not { } partner) continue;
            var field = $"{nameof(GrantApplication.Partners)}[{i}].StatePartyId";
            var state = states.FirstOrDefault(s => s.Id == partner);
            if (state is null)
                yield return (field, DomainText.Get("Proposal.PartnerFromList", i + 1));
            else if (!state.IsStateParty)
                yield return (field, DomainText.Get("Proposal.PartnerNotStateParty", i + 1, state.Name));
            else if (partner == applicantStateId)
                yield return (field, DomainText.Get("Proposal.PartnerIsApplicant"));
            else if (!listed.Add(partner))
                yield return (field, DomainText.Get("Proposal.PartnerTwice"));
        }
        for (var i = 0; i < Activities.Count; i++)
            if (Activities[i].StatePartyId is { } place && states.All(s => s.Id != place))
                yield return ($"{nameof(GrantApplication.Activities)}[{i}].StatePartyId", DomainText.Get("Proposal.ActivityCountryFromList", i + 1));
        if (Actions.Any(a => !actions.Contains(a))) yield return (nameof(GrantApplication.ActionLinks), DomainText.Get("Proposal.ActionsFromList"));
    }

    /// <summary>
    /// A new draft goes into a round that is open now, and its budget is in that round's currency (until exchange rates
    /// are recorded with their date and source). <paramref name="round"/>: the round <see cref="RoundId"/> names, if any.
    /// </summary>
    public IEnumerable<(string Field, string Message)> RoundProblems(FundingRound? round, DateTime utcNow)
    {
        if (round is null)
        {
            yield return (nameof(RoundId), RoundId is null ? DomainText.Get("Proposal.ChooseRound") : DomainText.Get("Proposal.NoSuchRound"));
            yield break;
        }
        if (!round.IsOpenAt(utcNow))
            yield return (nameof(RoundId), DomainText.Get("Proposal.RoundNotOpen", round.Title));
        if (Currency is { } currency && !string.Equals(currency.Trim(), round.Currency, StringComparison.OrdinalIgnoreCase))
            yield return (nameof(Currency), DomainText.Get("Proposal.WrongCurrency", currency, round.Currency));
    }

    /// <summary>Writes the draft into the application, section by section; during a clarification only the reopened sections.</summary>
    public void ApplyTo(GrantApplication application)
    {
        bool Open(ProposalSection section) => application.IsSectionEditable(section);
        application.EnsureEditable();
        if (Open(ProposalSection.General))
        {
            application.UpdateDraft(Title ?? "", Summary, ActivityStart, ActivityEnd);
            application.SetThemes(Themes);
            application.ReplaceActionPlanActions(Actions);
        }
        if (Open(ProposalSection.Partners))
            application.ReplacePartners(Partners.Where(p => !p.IsBlank).Select(p => (p.StatePartyId!.Value, p.Role)));
        if (Open(ProposalSection.Objectives))
        {
            application.SetObjectives(Objectives);
            application.ReplaceResults(Results.Where(r => !r.IsBlank).Select(r => (r.Result ?? "", r.Indicator ?? "", r.Target ?? "", r.BySex, r.ByAge)));
        }
        if (Open(ProposalSection.Activities))
            application.ReplaceActivities(Activities.Where(r => !r.IsBlank).Select(r => (r.Description ?? "", r.Start, r.End, r.Place ?? "", r.StatePartyId)));
        if (Open(ProposalSection.Budget))
        {
            application.ReplaceBudget(Budget.Where(b => !b.IsBlank).Select(b =>
                (b.Category, b.Description ?? "", b.Quantity ?? 0, new Money(b.UnitCost ?? 0, application.Currency))));
            application.SetNationalContribution(ContributionCash, ContributionInKind);
        }
        if (Open(ProposalSection.Delegation))
            application.ReplaceParticipants(Delegation.Where(p => !p.IsBlank).Select(p =>
                (p.Name ?? "", p.Function ?? "", p.Organisation ?? "", p.Sex, p.AgeBand, p.Disability)));
        if (Open(ProposalSection.GenderAndSafeguarding)) application.SetGenderAndSafeguarding(GenderAnalysis, DoNoHarm);
        if (Open(ProposalSection.FollowUp)) application.SetFollowUpPlan(FollowUpPlan);
    }

    /// <summary>Texts of a row longer than they may be; each is said by the key "TooLong.{prefix}.{name}" ("TooLong.Results.Target").</summary>
    private static IEnumerable<(string Field, string Message)> TooLong<T>(IReadOnlyList<T> rows, string prefix,
        Func<T, (string Name, string? Value, int Max)[]> fields)
    {
        for (var i = 0; i < rows.Count; i++)
            foreach (var (name, value, max) in fields(rows[i]))
                if (value is { Length: var length } && length > max)
                    yield return ($"{prefix}[{i}].{name}", DomainText.Get($"TooLong.{prefix}.{name}", i + 1, max));
    }
}
