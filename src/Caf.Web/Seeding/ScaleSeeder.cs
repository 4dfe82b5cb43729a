using System.Text.Json;
using Caf.Data;
using Caf.Data.Auditing;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.Data.Finance;
using Caf.Workflows;
using Caf.Workflows.Engine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caf.Web.Seeding;

/// <summary>How much the scale data set holds (issue 16): <see cref="Large"/> for measuring, <see cref="Small"/> for tests.</summary>
public sealed record ScaleSize(string Name, int Rounds, int Applications, int LedgerEntries, int AuditRecords, int Users)
{
    public static readonly ScaleSize Large = new("large", 20, 20_000, 50_000, 1_000_000, 500);
    public static readonly ScaleSize Small = new("small", 4, 400, 1_000, 5_000, 50);

    public static ScaleSize? Named(string? name) => name switch { "large" => Large, "small" => Small, _ => null };
}

/// <summary>
/// The scale data set (`seed --scale large`, issue 16): on top of the demo data, a deterministic history of many years —
/// rounds, applications at every stage with budgets, partners, participants, gender reviews, committee scores, reports and
/// open tasks, ledger entries, people in every role and a long audit trail. The same rows every run (ids and times are
/// made from row numbers, the trail from a fixed seed), so that figures measured on it can be compared. Rows are inserted
/// with one SQL statement per table over a number series, not through the domain: this is data to measure with, not a
/// history anyone made. SQLite and PostgreSQL.
/// </summary>
public sealed class ScaleSeeder(CafDbContext db, WorkflowRegistry workflows, TimeProvider clock) : IUseCase
{
    /// <summary>The password of every scale person, the demo's, so that load tests can sign in as any of them.</summary>
    public const string Password = DemoSeeder.DemoPassword;

    /// <summary>
    /// The stage of application <c>n</c> is <c>Stages[n % 20]</c>: every stage, most where applications spend most time. Its
    /// round is <c>(n / 20) % rounds</c> and its state <c>(n / 3) % states</c>, so that every round and every state has
    /// applications at every stage.
    /// </summary>
    private static readonly string[] Stages =
    [
        GrantStages.Draft, "Submitted", GrantStages.EligibilityScreening, GrantStages.EligibilityScreening, GrantStages.ClarificationRequested,
        GrantStages.Ineligible, GrantStages.GenderReview, GrantStages.GenderReview, GrantStages.CommitteeReview, GrantStages.CommitteeReview,
        GrantStages.Approved, GrantStages.Rejected, GrantStages.Active, GrantStages.Active, GrantStages.Active, GrantStages.Reporting,
        GrantStages.FinalReconciliation, GrantStages.Closed, GrantStages.Closed, GrantStages.Withdrawn,
    ];

    /// <summary>The tables' places in the ids (<see cref="ScaleSql.Id"/>): apart from each other and from the large-list tests'.</summary>
    private const int RoundIds = 21, InstanceIds = 22, ApplicationIds = 23, BudgetIds = 24, PartnerIds = 26, ParticipantIds = 28,
        GenderIds = 31, ScoreIds = 32, TaskIds = 35, ReportIds = 36, LedgerIds = 37, UserIds = 40;

    /// <summary>Whether the scale rows are there already (the first scale round is).</summary>
    public Task<bool> IsThereAsync(CancellationToken ct) => db.Rounds.AnyAsync(r => r.Id == ScaleSql.IdOf(RoundIds, 1), ct);

    /// <summary>
    /// Adds the audit trail's history: <see cref="ScaleSize.AuditRecords"/> records over the five years before now, after
    /// the chain's last record. Run it on a new database before anything else writes to the trail for a realistic spread
    /// of dates (time never goes backwards along the chain); later, the records crowd in after the last one.
    /// </summary>
    public async Task AppendAuditHistoryAsync(ScaleSize size, CancellationToken ct)
    {
        var people = Enumerable.Range(1, Math.Max(1, size.Users))
            .Select(u => new AuditHistory.Person(ScaleSql.IdOf(UserIds, u).ToString(), Email(u))).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await AuditHistory.AppendAsync(OpenWithoutAudit, size.AuditRecords, people, now.AddYears(-5), now, 2026, ct);
    }

    /// <summary>A context on the same database without the audit interceptor, which would stamp the history as a change of its own.</summary>
    private CafDbContext OpenWithoutAudit()
    {
        var connection = db.Database.GetConnectionString();
        return ScaleSql.For(db.Database) is PostgresScaleSql
            ? new PostgresCafDbContext(new DbContextOptionsBuilder<PostgresCafDbContext>().UseNpgsql(connection).Options)
            : new SqliteCafDbContext(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite(connection).Options);
    }

    /// <summary>Adds the people and the rows of <paramref name="size"/>; the demo data must be there (its states, members, round, rubric).</summary>
    public async Task SeedAsync(ScaleSize size, CancellationToken ct)
    {
        var sql = ScaleSql.For(db.Database)
                  ?? throw new InvalidOperationException("The scale data set is made for SQLite and PostgreSQL only.");
        var states = await db.StateParties.Where(s => s.IsStateParty).OrderBy(s => s.IsoCode).Select(s => s.Id).Take(40).ToListAsync(ct);
        var members = await db.Users.Where(u => u.Email!.StartsWith("member")).OrderBy(u => u.Email).Select(u => new { u.Id, u.DisplayName }).Take(3).ToListAsync(ct);
        var seededRound = await db.Rounds.OrderBy(r => r.OpensAtUtc).Select(r => r.Id).FirstAsync(ct);
        var rubric = await db.ScoringRubrics.GetAsync(1, ct);
        if (states.Count < 2 || members.Count < 3) throw new InvalidOperationException("The scale data set goes on top of the demo data: seed it first.");
        var version = workflows.Latest(WorkflowServices.GrantWorkflowId).Version;

        await AddPeopleAsync(size, states, ct);

        var criteria = JsonSerializer.Serialize(rubric.Items.Select(item => new CriterionScore(item.Code, 4, null)).ToList());
        string Pick(IReadOnlyList<Guid> ids, string index) => "CASE " + index + string.Concat(ids.Select((id, k) => $" WHEN {k} THEN {sql.GuidLiteral(id)}")) + " END";
        var stage = "CASE n.i % 20" + string.Concat(Stages.Select((s, k) => $" WHEN {k} THEN '{s}'")) + " END";
        const string k = "n.i % 20";
        const string decided = $"{k} BETWEEN 10 AND 18";
        const string approved = $"{k} = 10 OR {k} BETWEEN 12 AND 18";
        const string reviewed = $"{k} BETWEEN 8 AND 18";
        const string budget = "2 * (800 + n.i % 400) + 6 * (120 + n.i % 50) + 12 * (60 + n.i % 30)";
        var apps = size.Applications;
        string AppOf(string index) => sql.Id(ApplicationIds, $"(({index}) - 1) % {apps} + 1");
        var instance = sql.Id(InstanceIds);
        var application = sql.Id(ApplicationIds);
        // A day of the application's life: the older the number, the longer ago (about five years over the set).
        var daysAgo = $"(n.i * 1800 / {apps})";
        var at = sql.SecondsBefore($"{daysAgo} * 86400 + n.i % 86400");
        const string roundColumns = """
            "OpensAtUtc", "ClosesAtUtc", "ImplementationStart", "ImplementationEnd", "Status", "CeilingAmount", "CeilingCurrency",
            "AllowedCurrencies", "ClosedAtUtc", "Description", "EnvelopeAmount", "EnvelopeCurrency", "GenderChecklistVersion", "MaxDurationDays", "RubricVersion"
            """;
        string[] statements =
        [
            sql.InsertOverSeries("Rounds", $"\"Id\", \"Title\", {roundColumns}", $"{sql.Id(RoundIds)}, 'Scale round ' || n.i, {roundColumns}",
                size.Rounds, $"r.\"Id\" = {sql.GuidLiteral(seededRound)}", "CROSS JOIN \"Rounds\" r"),
            sql.InsertOverSeries("WorkflowInstances", """ "Id", "DefinitionId", "DefinitionVersion", "Stage", "StageEnteredAtUtc", "Revision" """,
                $"{instance}, '{WorkflowServices.GrantWorkflowId}', {version}, {stage}, {at}, 1 + {k}", apps),
            sql.InsertOverSeries("Applications", """
                "Id", "Reference", "RoundId", "ApplicantStateId", "Title", "Summary", "Currency", "CreatedByUserId", "CreatedAtUtc",
                "SubmittedAtUtc", "WorkflowInstanceId", "DoNoHarm", "FollowUpPlan", "GenderAnalysis", "NationalContributionInKind", "Objectives",
                "ThematicAreas", "LedgerVersion", "ApprovedAmountValue", "DecidedAtUtc", "DecisionRationale", "ActivityStart", "ActivityEnd"
                """,
                $"{application}, CASE WHEN {k} = 0 THEN NULL ELSE 'SCALE-' || n.i END, {sql.Id(RoundIds, $"(n.i / 20) % {size.Rounds} + 1")}, " +
                $"{Pick(states, $"(n.i / 3) % {states.Count}")}, 'South-South exchange on land release, number ' || n.i, " +
                "'Two weeks of exchange between national mine action authorities on survey, clearance and victim assistance.', 'CHF', 'scale', " +
                $"{at}, CASE WHEN {k} = 0 THEN NULL ELSE {at} END, {instance}, " +
                "'Women deminers and survivors are consulted before the visit.', 'A joint report and a follow-up visit.', " +
                "'Half the delegation are women; survivors take part.', 'Staff time and premises.', 'Learn how to release land faster.', " +
                $"1 + n.i % 3, 0, CASE WHEN {approved} THEN ROUND(({budget}) * 0.9) ELSE NULL END, CASE WHEN {decided} THEN {at} ELSE NULL END, " +
                $"CASE WHEN {decided} THEN 'Decided by the committee.' ELSE NULL END, {sql.DaysAfter2026("n.i % 300")}, {sql.DaysAfter2026("n.i % 300 + 14")}",
                apps),
            .. new[] { ("Travel", "Return flights", "2", "800 + n.i % 400"), ("Accommodation", "Hotel nights", "6", "120 + n.i % 50"),
                    ("DailyAllowance", "Daily allowances", "12", "60 + n.i % 30") }
                .Select((line, position) => sql.InsertOverSeries("BudgetLine",
                    """ "Id", "ApplicationId", "Position", "Category", "Description", "Quantity", "UnitCostAmount", "UnitCostCurrency" """,
                    $"{sql.Id(BudgetIds, $"n.i * 3 + {position}")}, {application}, {position}, '{line.Item1}', '{line.Item2}', {line.Item3}, {line.Item4}, 'CHF'",
                    apps)),
            sql.InsertOverSeries("ApplicationPartner", """ "Id", "ApplicationId", "StatePartyId", "Role" """,
                $"{sql.Id(PartnerIds)}, {application}, {Pick(states, $"(n.i / 3 + 1) % {states.Count}")}, 'Host'", apps),
            sql.InsertOverSeries("ApplicationPartner", """ "Id", "ApplicationId", "StatePartyId", "Role" """,
                $"{sql.Id(PartnerIds + 1)}, {application}, {Pick(states, $"(n.i / 3 + 2) % {states.Count}")}, 'Visiting'", apps, "n.i % 3 = 0"),
            .. Enumerable.Range(0, 3).Select(p => sql.InsertOverSeries("Participant",
                """ "Id", "ApplicationId", "Name", "Function", "Organisation", "Sex", "AgeBand", "Disability" """,
                $"{sql.Id(ParticipantIds, $"n.i * 3 + {p}")}, {application}, 'Participant {p + 1} of ' || n.i, 'Technical advisor', " +
                $"'National Mine Action Authority', '{(p % 2 == 0 ? "Female" : "Male")}', '{(p == 0 ? "From25To39" : "From40To59")}', '{(p == 2 ? "Yes" : "No")}'",
                apps)),
            sql.InsertOverSeries("GenderReviews", """ "Id", "ApplicationId", "Marker", "Rationale", "ReviewerUserId", "CompletedAtUtc", "ChecklistVersion" """,
                $"{sql.Id(GenderIds)}, {application}, 1 + n.i % 2, 'Gender equality is a significant objective.', 'scale', {at}, 1", apps, reviewed),
            .. members.Select((m, i) => sql.InsertOverSeries("CommitteeScores", """
                "Id", "ApplicationId", "MemberUserId", "MemberName", "Score", "SubmittedAtUtc", "CriteriaJson", "Revision", "RubricVersion", "WeightedScore"
                """,
                $"{sql.Id(ScoreIds + i)}, {application}, '{m.Id}', '{m.DisplayName.Replace("'", "''", StringComparison.Ordinal)}', 4, {at}, '{criteria}', 1, 1, 4",
                apps, reviewed)),
            sql.InsertOverSeries("WorkflowTasks", """ "Id", "InstanceId", "SubjectId", "TaskId", "Stage", "Role", "Title", "DueAtUtc", "OpenedAtUtc" """,
                $"{sql.Id(TaskIds)}, {instance}, {application}, " +
                $"CASE {k} WHEN 1 THEN 'start-screening' WHEN 4 THEN 'answer-clarification' WHEN 6 THEN 'gender-checklist' WHEN 7 THEN 'gender-checklist' " +
                "WHEN 10 THEN 'sign-agreement' WHEN 15 THEN 'review-final-report' ELSE 'screen' END, " +
                $"{stage}, CASE {k} WHEN 4 THEN '{CafRoles.Applicant}' WHEN 6 THEN '{CafRoles.GenderFocalPoint}' WHEN 7 THEN '{CafRoles.GenderFocalPoint}' " +
                $"WHEN 10 THEN '{CafRoles.Finance}' ELSE '{CafRoles.IsuOfficer}' END, 'Open task', " +
                // Due 30 days after opening: the newest are still to come, the older overdue.
                $"{sql.SecondsBefore($"({daysAgo} - 30) * 86400")}, {at}",
                apps, $"{k} IN (1, 2, 3, 4, 6, 7, 10, 15)"),
            // A report's file is a stored file with the report's id: a few bytes, as the data set is for measuring lists and pages.
            sql.InsertOverSeries("StoredFiles", """ "Id", "Bytes" """, $"{sql.Id(ReportIds)}, {sql.Bytes(Convert.ToHexString("%PDF-1.4 scale data set report"u8))}",
                apps, $"{k} BETWEEN 12 AND 18"),
            sql.InsertOverSeries("Reports", """
                "Id", "ApplicationId", "ActualExpenditure", "ContentType", "FileName", "InterimNumber", "Status", "SubmittedAtUtc", "SubmittedByUserId"
                """,
                $"{sql.Id(ReportIds)}, {application}, ROUND(({budget}) * 0.85), 'application/pdf', " +
                $"CASE WHEN {k} BETWEEN 12 AND 14 THEN 'interim-report-' ELSE 'final-report-' END || n.i || '.pdf', " +
                $"CASE WHEN {k} BETWEEN 12 AND 14 THEN 1 ELSE NULL END, CASE WHEN {k} = 15 THEN 'Submitted' ELSE 'Accepted' END, {at}, 'scale'",
                apps, $"{k} BETWEEN 12 AND 18"),
            sql.InsertOverSeries("LedgerEntries", """
                "Id", "Kind", "ValueDate", "Description", "ApplicationId", "RecordedByUserId", "RecordedAtUtc", "Amount", "Currency",
                "FundAmount", "FundCurrency", "Rate", "RateDate", "RateSource"
                """,
                $"{sql.Id(LedgerIds)}, CASE n.i % 5 WHEN 0 THEN 'Contribution' WHEN 1 THEN 'Commitment' WHEN 2 THEN 'Disbursement' WHEN 3 THEN 'Refund' ELSE 'BankCharge' END, " +
                $"{sql.DaysAfter2026("n.i % 330")}, CASE n.i % 5 WHEN 0 THEN 'Contribution: donor ' || (n.i % 12 + 1) ELSE 'Grant entry ' || n.i END, " +
                $"CASE WHEN n.i % 5 = 0 THEN NULL ELSE {AppOf("n.i")} END, 'scale', {sql.SecondsBefore("n.i * 60")}, " +
                "100 + n.i % 900, CASE WHEN n.i % 10 = 0 THEN 'USD' ELSE 'CHF' END, " +
                // USD rows at a rate of 0.9 (the fund amount has at most one decimal), CHF rows at 1.
                "CASE WHEN n.i % 10 = 0 THEN (100 + n.i % 900) * 0.9 ELSE 100 + n.i % 900 END, 'CHF', CASE WHEN n.i % 10 = 0 THEN 0.9 ELSE 1 END, " +
                $"{sql.DaysAfter2026("n.i % 330")}, 'Scale data set'",
                size.LedgerEntries),
        ];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Raw SQL with no parameters: braces (in the scores' JSON) are doubled so that EF does not read them as placeholders.
        foreach (var statement in statements)
            await db.Database.ExecuteSqlRawAsync(statement.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), ct);
        // The ledger's sums, written with the entries as the app writes them (ADR 0041).
        await db.Database.ExecuteSqlRawAsync(LedgerPeriodSums.RebuildSql(db.Database)!, ct);
        await transaction.CommitAsync(ct);
        if (sql.Analyze is { } analyze) await db.Database.ExecuteSqlRawAsync(analyze, ct);
    }

    private static string Email(int user) => $"scale.user{user:000}@caf.example";

    /// <summary>
    /// The people: most are applicants of the states, then ISU officers, gender focal points, committee members (of a state),
    /// finance officers and auditors; a third each write in English, French and Spanish. Added through EF, and so audited.
    /// </summary>
    private async Task AddPeopleAsync(ScaleSize size, List<Guid> states, CancellationToken ct)
    {
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var hash = new PasswordHasher<CafUser>().HashPassword(new CafUser(), Password);
        for (var u = 1; u <= size.Users; u++)
        {
            var role = (u % 50) switch
            {
                < 42 => CafRoles.Applicant,
                < 45 => CafRoles.IsuOfficer,
                45 => CafRoles.GenderFocalPoint,
                < 48 => CafRoles.CommitteeMember,
                48 => CafRoles.Finance,
                _ => CafRoles.Auditor,
            };
            var email = Email(u);
            var user = new CafUser
            {
                Id = ScaleSql.IdOf(UserIds, u).ToString(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = ScaleSql.IdOf(UserIds + 1, u).ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = ScaleSql.IdOf(UserIds + 2, u).ToString(),
                DisplayName = $"Scale person {u:000}",
                Language = CafUser.Languages[u % CafUser.Languages.Count].Code,
                StatePartyId = role is CafRoles.Applicant or CafRoles.CommitteeMember ? states[u % states.Count] : null,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }
        await db.SaveChangesAsync(ct);
    }
}
