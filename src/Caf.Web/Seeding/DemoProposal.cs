using Caf.Data;
using Caf.Data.Applications;
using Caf.Data.Entities;

namespace Caf.Web.Seeding;

/// <summary>Fills a draft with a complete, plausible South-South proposal: for the demo data and for tests that need one.</summary>
public static class DemoProposal
{
    /// <summary>A tiny PDF: enough for the signature check, and readable.</summary>
    public static readonly byte[] EndorsementLetter =
        "%PDF-1.4\n% Endorsement letter from the national mine action authority (demo)\n%%EOF\n"u8.ToArray();

    /// <summary>Paraphrased demo entries, not the adopted text of the plan.</summary>
    public static IEnumerable<ActionPlanAction> ActionPlan()
    {
        const string plan = "Siem Reap–Angkor Action Plan 2025–2029 (demo extract)";
        yield return new ActionPlanAction(plan, 1, "Integrate gender and the diverse needs of affected communities into all mine action work.");
        yield return new ActionPlanAction(plan, 20, "Release land through evidence-based non-technical and technical survey.");
        yield return new ActionPlanAction(plan, 35, "Deliver context-specific explosive ordnance risk education.");
        yield return new ActionPlanAction(plan, 40, "Ensure survivors have access to comprehensive victim assistance services.");
        yield return new ActionPlanAction(plan, 48, "Share expertise and good practice among States Parties, including South-South cooperation.");
    }

    /// <summary>
    /// The same complete proposal as the applicant would type it on the form: the demo seeder creates its drafts with it
    /// through <c>Drafts.CreateAsync</c>, so they pass the rules every applicant's draft passes.
    /// </summary>
    public static ProposalDraft Draft(Guid roundId, string title, StateParty applicant, StateParty partner, PartnerRole role,
        DateOnly start, IReadOnlyList<Guid> planActions) => new()
    {
        RoundId = roundId,
        Title = title,
        Summary = $"A delegation of {applicant.Name}'s national mine action authority and {partner.Name} exchange practice on the ground.",
        ActivityStart = start,
        ActivityEnd = start.AddDays(7),
        Themes = ThematicArea.ClearanceAndLandRelease | ThematicArea.GenderAndDiversity,
        Actions = planActions,
        Objectives = "Adopt the partner's evidence-based survey methods so that suspected land is released faster and more fairly.",
        GenderAnalysis = "Women make up a third of the survey staff; the delegation is balanced and meets women's groups in affected villages.",
        DoNoHarm = "Interviews follow the host's safeguarding code; no child is interviewed; sensitive data stay with the national authority.",
        FollowUpPlan = "The delegation trains its national survey teams within three months and presents the results to the Committee.",
        ContributionCash = 1_500m,
        ContributionInKind = "Staff time and in-country transport",
        Partners = [new ProposalDraft.PartnerRow(partner.Id, role)],
        Results = [new ProposalDraft.ResultRow("Survey teams apply the partner's evidence-based procedure", "Survey staff trained, by sex and age", "12", true, true)],
        Activities = [new ProposalDraft.ActivityRow("Field visit to the partner's survey teams", start, start.AddDays(7), "Provincial survey sites", partner.Id)],
        Budget =
        [
            new ProposalDraft.BudgetRow(BudgetCategory.Travel, "Return flights for 4 delegates", 4m, 1_850m),
            new ProposalDraft.BudgetRow(BudgetCategory.Accommodation, "Hotel, 4 delegates × 7 nights", 28m, 120m),
            new ProposalDraft.BudgetRow(BudgetCategory.DailyAllowance, "Daily subsistence allowance", 28m, 95m),
            new ProposalDraft.BudgetRow(BudgetCategory.Interpretation, "Interpretation, 3 days", 3m, 650m),
        ],
        Delegation =
        [
            new ProposalDraft.ParticipantRow("Chanthy Sok", "Deputy director, land release", applicant.Name + " mine action authority", Sex.Female, AgeBand.NotStated, Disability.NotStated),
            new ProposalDraft.ParticipantRow("Dara Kim", "Survey team leader", applicant.Name + " mine action authority", Sex.Male, AgeBand.NotStated, Disability.NotStated),
        ],
    };

    public static void FillIn(CafDbContext db, GrantApplication application, StateParty partner, string userId, DateTime nowUtc)
    {
        var start = application.ActivityStart ?? FundTime.DateOf(nowUtc).AddDays(45);
        var end = application.ActivityEnd ?? start.AddDays(7);
        application.DescribeProposal(ThematicArea.ClearanceAndLandRelease | ThematicArea.GenderAndDiversity,
            "Adopt the partner's evidence-based survey methods so that suspected land is released faster and more fairly.",
            "Women make up a third of the survey staff; the delegation is balanced and meets women's groups in affected villages.",
            "Interviews follow the host's safeguarding code; no child is interviewed; sensitive data stay with the national authority.",
            "The delegation trains its national survey teams within three months and presents the results to the Committee.");
        application.SetNationalContribution(1_500m, "Staff time and in-country transport");
        application.ReplaceResults([
            ("Survey teams apply the partner's evidence-based procedure", "Survey staff trained, by sex and age", "12", true, true),
        ]);
        application.ReplaceActivities([
            ("Field visit to the partner's survey teams", start, end, "Provincial survey sites", partner.Id),
        ]);
        if (application.EndorsementLetter is null)
            db.StoredFiles.Add(application.Attach(AttachmentKind.EndorsementLetter, "endorsement-letter.pdf", "application/pdf",
                EndorsementLetter, userId, nowUtc).Content);
    }
}
