using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Committee;
using Caf.Data.ReferenceData;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Seeding;

public sealed record DemoAccount(string Email, string DisplayName, string[] Roles, string? StateIso);

/// <summary>
/// Demo data for trying CafGrants out: one user per role, a few States Parties (and an import of their reference data), an open round, two donor contributions,
/// and applications at several stages — each moved there through the workflow engine, so its history is real.
/// </summary>
internal sealed class DemoSeeder(CafDbContext db, UserManager<CafUser> users, RoleManager<IdentityRole> roles,
    WorkflowEngine engine, TimeProvider clock, IConfiguration configuration)
{
    public const string DemoPassword = "Demo-Password-2026";

    /// <summary>
    /// The demo's accounts share a published password and authenticator keys derived from their addresses: outside
    /// Development the demo data is added only when explicitly forced, and then with a warning (issue #10, item 12).
    /// </summary>
    public static void EnsureAllowed(IHostEnvironment environment, bool forced, string howToForce, ILogger logger)
    {
        if (environment.IsDevelopment()) return;
        if (!forced)
            throw new InvalidOperationException($"Demo data is refused in the {environment.EnvironmentName} environment: its accounts share a " +
                $"published password. Add it only on a developer's machine (Development), or {howToForce} to add it here anyway.");
        logger.LogWarning("Adding demo data in the {Environment} environment: its accounts share a published password and predictable " +
            "authenticator keys. Never do this on a server that holds real data.", environment.EnvironmentName);
    }


    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("applicant@caf.demo", "Sokha Chan (Cambodia)", [CafRoles.Applicant], "KHM"),
        new("applicant.co@caf.demo", "María Gómez (Colombia)", [CafRoles.Applicant], "COL"),
        new("isu@caf.demo", "Irene Schmid (ISU)", [CafRoles.IsuOfficer], null),
        new("gender@caf.demo", "Grace Banda (gender focal point)", [CafRoles.GenderFocalPoint], "ZMB"),
        new("chair@caf.demo", "Chair (Thailand)", [CafRoles.CommitteeChair, CafRoles.CommitteeMember], "THA"),
        new("member1@caf.demo", "Member (Belgium)", [CafRoles.CommitteeMember], "BEL"),
        new("member2@caf.demo", "Member (Zambia)", [CafRoles.CommitteeMember], "ZMB"),
        new("member3@caf.demo", "Member (Peru)", [CafRoles.CommitteeMember], "PER"),
        new("finance@caf.demo", "Fatima Haddad (Finance)", [CafRoles.Finance], null),
        new("auditor@caf.demo", "Arno Keller (Auditor)", [CafRoles.Auditor], null),
        new("admin@caf.demo", "Administrator", [CafRoles.Admin], null),
    ];

    private static readonly (string Iso, string Name, bool Party)[] States =
    [
        ("AGO", "Angola", true), ("BEL", "Belgium", true), ("KHM", "Cambodia", true), ("COL", "Colombia", true),
        ("IRQ", "Iraq", true), ("NOR", "Norway", true), ("PER", "Peru", true), ("SEN", "Senegal", true),
        ("CHE", "Switzerland", true), ("THA", "Thailand", true), ("ZMB", "Zambia", true), ("MMR", "Myanmar", false),
    ];

    /// <summary>
    /// The demo authenticator key of a demo account: derived from its email, so the tests (and anyone trying the demo
    /// with 2FA on) can compute its codes. Demo accounts are never for real use.
    /// </summary>
    public static string AuthenticatorKeyFor(string email)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("CafGrants demo authenticator:" + email))[..20];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        for (var bit = 0; bit < bytes.Length * 8; bit += 5)
        {
            var value = 0;
            for (var i = 0; i < 5; i++)
            {
                var b = bit + i;
                value = (value << 1) | (b < bytes.Length * 8 ? (bytes[b / 8] >> (7 - b % 8)) & 1 : 0);
            }
            text.Append(alphabet[value]);
        }
        return text.ToString();
    }

    /// <summary>Adds the demo data unless users already exist. Returns whether anything was added.</summary>
    public async Task<bool> SeedAsync(bool includeApplications, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = FundTime.DateOf(now);

        foreach (var role in CafRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        var states = States.Select(s => new StateParty(s.Iso, s.Name, s.Party)).ToDictionary(s => s.IsoCode);
        db.StateParties.AddRange(states.Values);
        var round = FundingRound.CreateOpen(new RoundTerms($"{now.Year} call for South-South cooperation",
            "Exchanges of best practice between States Parties: study visits, peer support and joint training on land release, " +
            "stockpile destruction, risk education and victim assistance.",
            now.AddDays(-30), now.AddDays(60), new Money(300_000m, "CHF"), new Money(50_000m, "CHF"), 90,
            today.AddDays(-30), today.AddDays(365), ["CHF", "USD", "EUR"]), now);
        db.Rounds.Add(round);
        // The GenderChecklists and ScoringRubrics migrations insert version 1; a test database emptied between tests gets it back here.
        if (!await db.GenderChecklists.AnyAsync(c => c.Version == 1, ct)) db.GenderChecklists.Add(GenderChecklist.Default(now));
        if (!await db.ScoringRubrics.AnyAsync(r => r.Version == 1, ct)) db.ScoringRubrics.Add(ScoringRubric.Default(now));
        if (!await db.ActionPlanActions.AnyAsync(ct)) db.ActionPlanActions.AddRange(DemoProposal.ActionPlan());
        db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.Contribution, new Money(150_000m, "CHF"), today.AddDays(-60),
            "Contribution: Norway", "NO-2026-001", null, "seed", now));
        db.LedgerEntries.Add(new LedgerEntry(LedgerEntryKind.Contribution, new Money(100_000m, "CHF"), today.AddDays(-45),
            "Contribution: Switzerland", "CH-2026-014", null, "seed", now));
        await db.SaveChangesAsync(ct);
        // The same states, dated: names in three languages, Article 5 and Article 7 data for eligibility to read.
        var import = await StatesPartiesImport.ImportAsync(db, StatesPartiesImport.SampleFileName, StatesPartiesImport.SampleFile(),
            null, "seed", now, ct);
        if (!import.Succeeded)
            throw new InvalidOperationException($"The sample States Parties file is not valid: {string.Join(" ", import.Problems)}");

        var actors = new Dictionary<string, WorkflowActor>();
        foreach (var account in Accounts)
        {
            var user = new CafUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                StatePartyId = account.StateIso is null ? null : states[account.StateIso].Id,
            };
            Check(await users.CreateAsync(user, DemoPassword), account.Email);
            Check(await users.AddToRolesAsync(user, account.Roles), account.Email);
            // Where two-factor is required of staff, demo staff get a known authenticator key (see AuthenticatorKeyFor).
            if (account.Roles.Any(r => r != CafRoles.Applicant) && configuration.GetValue("Security:RequireTwoFactorForStaff", true))
            {
                Check(await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", AuthenticatorKeyFor(account.Email)), account.Email);
                Check(await users.SetTwoFactorEnabledAsync(user, true), account.Email);
            }
            actors[account.Email] = new WorkflowActor(user.Id, account.Email, account.Roles.ToHashSet(), user.StatePartyId);
        }

        if (includeApplications) await SeedApplicationsAsync(round, states, actors, today, ct);
        return true;
    }

    private async Task SeedApplicationsAsync(FundingRound round, Dictionary<string, StateParty> states,
        Dictionary<string, WorkflowActor> actors, DateOnly today, CancellationToken ct)
    {
        var kh = actors["applicant@caf.demo"];
        var co = actors["applicant.co@caf.demo"];
        var isu = actors["isu@caf.demo"];

        await CreateAsync(round, states["KHM"], kh, "Land release methods: Cambodian delegation visits Colombia",
            states["COL"], PartnerRole.Host, today, ct);

        var submitted = await CreateAsync(round, states["COL"], co, "Victim assistance peer exchange hosted by Cambodia",
            states["KHM"], PartnerRole.Host, today, ct);
        await FireAsync(submitted, GrantTriggers.Submit, co, null, ct);

        var gender = await CreateAsync(round, states["KHM"], kh, "Explosive ordnance risk education: learning from Senegal",
            states["SEN"], PartnerRole.Host, today, ct);
        await FireAsync(gender, GrantTriggers.Submit, kh, null, ct);
        await FireAsync(gender, GrantTriggers.StartScreening, isu, null, ct);
        RecordEligible(gender, isu);
        await FireAsync(gender, GrantTriggers.DeclareEligible, isu, "All automatic and manual checks met.", ct);

        var committee = await CreateAsync(round, states["COL"], co, "Information management exchange with Iraq",
            states["IRQ"], PartnerRole.Visiting, today, ct);
        await FireAsync(committee, GrantTriggers.Submit, co, null, ct);
        await FireAsync(committee, GrantTriggers.StartScreening, isu, null, ct);
        RecordEligible(committee, isu);
        await FireAsync(committee, GrantTriggers.DeclareEligible, isu, null, ct);
        committee.CompleteGenderReview(new GenderReview(committee.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)"See the gender analysis section."), GenderReview.DefaultItems.Count).ToList(),
            2, "Gender equality is a principal objective of the exchange.", actors["gender@caf.demo"].UserId, clock.GetUtcNow().UtcDateTime));
        await FireAsync(committee, GrantTriggers.CompleteChecklist, actors["gender@caf.demo"], null, ct);
        var rubric = await db.ScoringRubrics.GetAsync(round.RubricVersion, ct);
        committee.AddScore(rubric, actors["member1@caf.demo"].UserId, "Member (Belgium)", actors["member1@caf.demo"].StatePartyId, 4, "Strong South-South learning value.", clock.GetUtcNow().UtcDateTime);
        committee.AddScore(rubric, actors["member2@caf.demo"].UserId, "Member (Zambia)", actors["member2@caf.demo"].StatePartyId, 3, null, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private async Task<GrantApplication> CreateAsync(FundingRound round, StateParty applicant, WorkflowActor actor, string title,
        StateParty partner, PartnerRole role, DateOnly today, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var application = new GrantApplication(round, applicant, title, engine.Start(WorkflowServices.GrantWorkflowId), actor.UserId, now);
        application.UpdateDraft(title,
            $"A delegation of {applicant.Name}'s national mine action authority and {partner.Name} exchange practice on the ground.",
            today.AddDays(45), today.AddDays(52));
        application.ReplacePartners([(partner.Id, role)]);
        application.ReplaceBudget([
            (BudgetCategory.Travel, "Return flights for 4 delegates", 4m, new Money(1_850m, "CHF")),
            (BudgetCategory.Accommodation, "Hotel, 4 delegates × 7 nights", 28m, new Money(120m, "CHF")),
            (BudgetCategory.DailyAllowance, "Daily subsistence allowance", 28m, new Money(95m, "CHF")),
            (BudgetCategory.Interpretation, "Interpretation, 3 days", 3m, new Money(650m, "CHF")),
        ]);
        application.ReplaceParticipants([
            ("Chanthy Sok", "Deputy director, land release", applicant.Name + " mine action authority", Sex.Female),
            ("Dara Kim", "Survey team leader", applicant.Name + " mine action authority", Sex.Male),
        ]);
        DemoProposal.FillIn(db, application, partner, actor.UserId, now);
        db.Applications.Add(application);
        await engine.EnterInitialStageAsync(application.Workflow!, application, ct);
        await db.SaveChangesAsync(ct);
        return application;
    }

    private void RecordEligible(GrantApplication application, WorkflowActor isu) =>
        application.RecordScreening(ScreeningOutcome.Eligible,
            Features.Eligibility.ScreenModel.DefaultChecklist.Select((item, i) => new ScreeningAnswer(i + 1, item, true, null)).ToList(),
            "All automatic and manual checks met.", isu.UserId, clock.GetUtcNow().UtcDateTime);

    private async Task FireAsync(GrantApplication application, string trigger, WorkflowActor actor, string? comment, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await engine.FireAsync(application.Workflow!, application, trigger, actor, comment, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {who}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
