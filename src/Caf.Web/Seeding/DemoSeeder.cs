using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Committee;
using Caf.Data.ReferenceData;
using System.Security.Claims;
using Caf.Data.Eligibility;
using Caf.Data.Finance;
using Caf.Web.Features.Admin;
using Caf.Web.Features.Applications;
using Caf.Web.Features.Committee;
using Caf.Web.Features.Eligibility;
using Caf.Web.Features.Finance;
using Caf.Web.Features.GenderReview;
using Microsoft.AspNetCore.Identity;
using Caf.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Seeding;

public sealed record DemoAccount(string Email, string DisplayName, string[] Roles, string? StateIso);

/// <summary>
/// Demo data for trying CafGrants out: one user per role, a few States Parties (and an import of their reference data), an open round, two donor contributions,
/// and applications at several stages. The applications are a script of user actions: each step is the use case a person's
/// page calls (a draft typed and submitted, screened, reviewed, scored), so the demo passes the rules real work passes and
/// its history is real.
/// </summary>
internal sealed class DemoSeeder(CafDbContext db, UserManager<CafUser> users, RoleManager<IdentityRole> roles,
    IUserClaimsPrincipalFactory<CafUser> principals, Drafts drafts, Transitions transitions, Screenings screenings, Checklists checklists,
    CommitteeScoring scoring, ReferenceDataImports referenceData, FundEntries fundEntries, ExchangeRates rates, TimeProvider clock,
    IConfiguration configuration)
{
    public const string DemoPassword = "Demo-Password-2026";

    /// <summary>
    /// The demo's accounts share a published password and authenticator keys derived from their addresses: outside
    /// Development the demo data is added only when explicitly forced, and then with a warning (issue #10, item 12).
    /// </summary>
    public static void EnsureAllowed(IHostEnvironment environment, bool forced, string howToForce, ILogger logger)
    {
        if (!IsAllowed(environment, forced, logger))
            throw new InvalidOperationException($"Demo data is refused in the {environment.EnvironmentName} environment: its accounts share a " +
                $"published password. Add it only on a developer's machine (Development), or {howToForce} to add it here anyway.");
    }

    /// <summary>Whether demo data may be added here: in Development, or when forced (then with a warning in the log).</summary>
    public static bool IsAllowed(IHostEnvironment environment, bool forced, ILogger logger)
    {
        if (environment.IsDevelopment()) return true;
        if (forced) InfrastructureLog.DemoDataOutsideDevelopment(logger, environment.EnvironmentName);
        return forced;
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
        // A second finance officer: every payment is requested by one and approved by another (ADR 0023).
        new("finance2@caf.demo", "Jonas Berg (Finance)", [CafRoles.Finance], null),
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
        await db.SaveChangesAsync(ct);
        // The same states, dated: names in three languages, Article 5 and Article 7 data for eligibility to read.
        var import = await referenceData.ImportStatesPartiesAsync(StatesPartiesImport.SampleFileName,
            StatesPartiesImport.SampleFile(), null, "seed", ct);
        if (!import.Succeeded)
            throw new InvalidOperationException($"The sample States Parties file is not valid: {string.Join(" ", import.Problems)}");

        var people = new Dictionary<string, ClaimsPrincipal>();
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
            people[account.Email] = await principals.CreateAsync(user);
        }

        // Finance's first entries: two donors' contributions and the week's rates for the round's other currencies.
        var finance = people["finance@caf.demo"];
        Ensure(await fundEntries.RecordContributionAsync(finance, new ContributionReceipt("Norway", null, 150_000m, "CHF", today.AddDays(-60), "NO-2026-001"), ct),
            "record a contribution");
        Ensure(await fundEntries.RecordContributionAsync(finance, new ContributionReceipt("Switzerland", null, 100_000m, "CHF", today.AddDays(-45), "CH-2026-014"), ct),
            "record a contribution");
        for (var day = today.AddDays(-7); day <= today; day = day.AddDays(1))
        {
            Ensure(await rates.RecordAsync(finance, "USD", day, 0.8825m, "Demo rate", ct), "record a rate");
            Ensure(await rates.RecordAsync(finance, "EUR", day, 0.9350m, "Demo rate", ct), "record a rate");
        }

        if (includeApplications) await SeedApplicationsAsync(round, states, people, today, ct);
        return true;
    }

    private async Task SeedApplicationsAsync(FundingRound round, Dictionary<string, StateParty> states,
        Dictionary<string, ClaimsPrincipal> people, DateOnly today, CancellationToken ct)
    {
        var kh = people["applicant@caf.demo"];
        var co = people["applicant.co@caf.demo"];
        var isu = people["isu@caf.demo"];
        const string eligible = "All automatic and manual checks met.";

        await DraftAsync(round, states["KHM"], kh, "Land release methods: Cambodian delegation visits Colombia",
            states["COL"], PartnerRole.Host, today, submit: false, ct);

        await DraftAsync(round, states["COL"], co, "Victim assistance peer exchange hosted by Cambodia",
            states["KHM"], PartnerRole.Host, today, submit: true, ct);

        var gender = await DraftAsync(round, states["KHM"], kh, "Explosive ordnance risk education: learning from Senegal",
            states["SEN"], PartnerRole.Host, today, submit: true, ct);
        await ScreenEligibleAsync(gender, isu, eligible, ct);

        var committee = await DraftAsync(round, states["COL"], co, "Information management exchange with Iraq",
            states["IRQ"], PartnerRole.Visiting, today, submit: true, ct);
        await ScreenEligibleAsync(committee, isu, eligible, ct);
        var items = GenderChecklist.DefaultItems.Count;
        Ensure(await checklists.CompleteAsync(committee, people["gender@caf.demo"], new GenderReviewAnswers(
            Enumerable.Repeat<ChecklistAnswer?>(ChecklistAnswer.Yes, items).ToList(),
            Enumerable.Repeat<string?>("See the gender analysis section.", items).ToList(),
            2, "Gender equality is a principal objective of the exchange."), ct), "complete the gender checklist");
        await ScoreAsync(committee, people["member1@caf.demo"], "4", "Strong South-South learning value.", ct);
        await ScoreAsync(committee, people["member2@caf.demo"], "3", null, ct);
    }

    /// <summary>The applicant types the demo proposal, attaches the endorsement letter and saves it (or submits it).</summary>
    private async Task<GrantApplication> DraftAsync(FundingRound round, StateParty applicant, ClaimsPrincipal person, string title,
        StateParty partner, PartnerRole role, DateOnly today, bool submit, CancellationToken ct)
    {
        var plan = await db.ActionPlanActions.Where(a => a.Number == 48).Select(a => a.Id).ToListAsync(ct);
        var draft = DemoProposal.Draft(round.Id, title, applicant, partner, role, today.AddDays(45), plan);
        var letter = new DraftUpload(AttachmentKind.EndorsementLetter, "endorsement-letter.pdf", "application/pdf", DemoProposal.EndorsementLetter);
        var created = await drafts.CreateAsync(person, draft, [letter], id: null, ct);
        Ensure(created.Outcome, $"create the draft '{title}'");
        if (!submit) return created.Application!;
        var sent = await drafts.SubmitAsync(created.Application!, person, draft, [], id: null, ct);
        Ensure(sent.Outcome, $"submit '{title}'");
        if (!sent.Submitted)
            throw new InvalidOperationException($"The demo draft '{title}' is incomplete: {string.Join(" ", sent.Incomplete.Select(i => i.Message))}");
        return sent.Application!;
    }

    /// <summary>The ISU starts the screening, ticks every item of its checklist and declares the application eligible.</summary>
    private async Task ScreenEligibleAsync(GrantApplication application, ClaimsPrincipal isu, string rationale, CancellationToken ct)
    {
        Ensure(await transitions.FireAsync(application, isu, GrantTriggers.StartScreening, null, ct), "start the screening");
        var met = Enumerable.Repeat<bool?>(true, screenings.Items.Count).ToList();
        Ensure(await screenings.RecordAsync(application, isu, new Screening(ScreeningOutcome.Eligible, met, [], rationale, null, []), ct),
            "declare the application eligible");
    }

    /// <summary>A member gives every criterion of the round's rubric the same level.</summary>
    private async Task ScoreAsync(GrantApplication application, ClaimsPrincipal member, string level, string? comment, CancellationToken ct)
    {
        var rubric = await scoring.RubricForAsync(application, ct);
        var sheet = new ScoreSheet(rubric.Items.ToDictionary(c => c.Code, _ => (string?)level), new Dictionary<string, string?>(), comment);
        Ensure(await scoring.ScoreAsync(application, member, sheet, ct), "score the application");
    }

    private static void Ensure(CommandOutcome outcome, string what)
    {
        if (!outcome.Succeeded)
            throw new InvalidOperationException($"The demo data could not {what}: {string.Join(" ", outcome.Errors.Select(e => e.Message))}");
    }

    private static void Check(IdentityResult result, string who)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {who}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
