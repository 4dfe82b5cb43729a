using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Caf.Web.Infrastructure.Email;
using Caf.Workflows.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Caf.IntegrationTests;

/// <summary>
/// The final report's reminders 14 and 3 days before it is due, the overdue notice the day after and the escalation to
/// the ISU 14 days after (issue 14): each emailed once, at its time, to the real SMTP server, in each recipient's
/// language, with a link built from the configured public address; with the clock moved to each edge.
/// </summary>
public sealed class ReportReminderEmailTests
{
    private const string PublicAddress = "https://grants.reminders.example";

    [Fact]
    public async Task Reminders_the_overdue_notice_and_the_escalation_reach_the_mail_server_once_each_at_their_time_in_each_language()
    {
        await using var app = new SqliteAppFactory { Settings = { ["App:PublicBaseUrl"] = PublicAddress } };
        // The grantee's focal point reads French, one ISU officer Spanish; every other officer English.
        var (id, today) = await ReportsDueAsync(app, isuLanguage: "es");
        var reference = (await new GrantJourney(app).LoadAsync(id)).Reference!;
        var focalPoints = await UsersInRoleAsync(app, Caf.Data.CafRoles.Applicant, stateOf: id);
        var officers = await UsersInRoleAsync(app, Caf.Data.CafRoles.IsuOfficer, stateOf: null);
        Assert.Contains(GrantJourney.Applicant, focalPoints.Keys);
        Assert.Contains(GrantJourney.Isu, officers.Keys);

        var runner = app.Services.GetRequiredService<WorkflowTimerRunner>();
        var outbox = app.Services.GetRequiredService<OutboxDispatcher>();
        var due = today.AddDays(-1).AddDays(60);
        var expected = new (string Timer, Dictionary<string, string> To, string Link, string Subject, string FrenchSubject, string SpanishSubject)[]
        {
            ("final-report-reminder-14", focalPoints, $"/Reporting/FinalReport/{id}", $"Final report for {reference} due on", $"Rapport final de {reference} attendu le", $"Informe final de {reference}: plazo el"),
            ("final-report-reminder-3", focalPoints, $"/Reporting/FinalReport/{id}", $"Final report for {reference} due on", $"Rapport final de {reference} attendu le", $"Informe final de {reference}: plazo el"),
            ("final-report-overdue", focalPoints, $"/Reporting/FinalReport/{id}", $"Final report for {reference} is overdue", $"Rapport final de {reference} en retard", $"Informe final de {reference} atrasado"),
            ("final-report-escalation", officers, $"/Applications/Details/{id}", $"Final report for {reference} still overdue", $"Rapport final de {reference} toujours en retard", $"Informe final de {reference}: sigue atrasado"),
        };
        foreach (var (timer, to, link, english, french, spanish) in expected)
        {
            var dueAt = await app.WithDbAsync(db => db.WorkflowTimers.Where(t => t.TimerId == timer && t.Status == WorkflowTimerStatus.Pending).Select(t => t.DueAtUtc).SingleAsync());
            // A minute before its time nothing goes; a minute after, this one and only this one.
            app.Clock.FreezeAt(dueAt.AddMinutes(-1));
            Assert.Equal(0, await runner.RunDueAsync(TestContext.Current.CancellationToken));
            app.Clock.FreezeAt(dueAt.AddMinutes(1));
            var since = dueAt;
            Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
            await outbox.DispatchPendingAsync(TestContext.Current.CancellationToken);

            var messages = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.CreatedAtUtc >= since).ToListAsync());
            Assert.Equal(to.Keys.Order(), messages.Select(m => m.To).Order());
            foreach (var message in messages)
            {
                Assert.NotNull(message.SentAtUtc);
                var delivered = await DeliveredAsync(app, message.Id);
                var language = to[message.To];
                Assert.StartsWith(language switch { "fr" => french, "es" => spanish, _ => english }, delivered.Subject);
                Assert.Contains(Caf.Data.MailText.Date(due, language), delivered.TextBody);
                Assert.Contains(PublicAddress + link, delivered.TextBody);
                Assert.Contains($"<a href=\"{PublicAddress}{link}\">", delivered.HtmlBody);
                Assert.Contains($"lang=\"{language}\"", delivered.HtmlBody);
            }
        }

        // Nothing more: a month later no timer is due and the outbox holds nothing unsent.
        app.Clock.FreezeAt(app.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        Assert.Equal(0, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await outbox.DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3 * focalPoints.Count + officers.Count,
            await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Subject.Contains(reference) && m.CreatedAtUtc > DateTime.SpecifyKind(due.AddDays(-20).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc))));
    }

    [Fact]
    public async Task An_extension_the_ISU_agrees_moves_the_reminders_to_the_new_date_and_tells_the_grantee()
    {
        await using var app = new SqliteAppFactory { Settings = { ["App:PublicBaseUrl"] = PublicAddress } };
        var (id, today) = await ReportsDueAsync(app, isuLanguage: null);
        var runner = app.Services.GetRequiredService<WorkflowTimerRunner>();
        var outbox = app.Services.GetRequiredService<OutboxDispatcher>();
        Task<Dictionary<string, DateTime>> PendingAsync() => app.WithDbAsync(db => db.WorkflowTimers
            .Where(t => t.Status == WorkflowTimerStatus.Pending && t.Stage == "Reporting").ToDictionaryAsync(t => t.TimerId, t => t.DueAtUtc));

        // The 14-day reminder has gone when the grantee asks for a month more.
        var before = await PendingAsync();
        app.Clock.FreezeAt(before["final-report-reminder-14"].AddMinutes(1));
        Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        var due = today.AddDays(59);
        var extended = due.AddDays(30);

        using var isu = await new GrantJourney(app).SignInAsync(GrantJourney.Isu);
        var (_, page) = await isu.GetAsync($"/Applications/Details/{id}");
        Assert.Contains($"/Reporting/Extension/{id}", page);
        var earlier = await isu.PostFormAsync($"/Reporting/Extension/{id}", new() { ["Input.DueOn"] = Iso(due.AddDays(-1)), ["Input.Reason"] = "Asked by email." });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, earlier.StatusCode);
        Assert.Contains("Give a date after the present due date", await earlier.Content.ReadAsStringAsync());
        // Both problems at once: a date not later, and no reason.
        var both = WebUtility.HtmlDecode(await (await isu.PostFormAsync($"/Reporting/Extension/{id}", new() { ["Input.DueOn"] = Iso(due), ["Input.Reason"] = "" })).Content.ReadAsStringAsync());
        Assert.Contains("Give a date after the present due date", both);
        Assert.Contains("Say why the extension was agreed", both);
        var unexplained = await isu.PostFormAsync($"/Reporting/Extension/{id}", new() { ["Input.DueOn"] = Iso(extended), ["Input.Reason"] = " " });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains(Iso(extended), await unexplained.Content.ReadAsStringAsync());
        // Refused, nothing moved: the reminders still wait for the old date.
        Assert.Equal(before.Where(p => p.Key != "final-report-reminder-14").OrderBy(p => p.Key), (await PendingAsync()).OrderBy(p => p.Key));
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Reporting/Extension/{id}", new()
        {
            ["Input.DueOn"] = Iso(extended), ["Input.Reason"] = "Elections delayed the final workshop; the grantee asked on 1 March.",
        }), "record the extension");

        // Every reminder follows the new date, the one that went included; the old ones are cancelled, the change audited.
        var after = await PendingAsync();
        // Due at the end of the day in Geneva.
        var end = Caf.Data.FundTime.ToUtc(extended.ToDateTime(new TimeOnly(23, 59)))!.Value;
        Assert.Equal(new Dictionary<string, DateTime>
        {
            ["final-report-reminder-14"] = end.AddDays(-14), ["final-report-reminder-3"] = end.AddDays(-3),
            ["final-report-overdue"] = end.AddDays(1), ["final-report-escalation"] = end.AddDays(14),
        }.OrderBy(p => p.Key), after.OrderBy(p => p.Key));
        // The grantee's open task follows the new date too.
        Assert.Equal(end, await app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.SubjectId == id && t.ClosedAtUtc == null && t.Role == Caf.Data.CafRoles.Applicant)
            .Select(t => t.DueAtUtc).SingleAsync()));
        Assert.Contains("\"FinalReportExtendedTo\"", await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "GrantApplication.updated" && e.EntityId == id.ToString())
            .OrderByDescending(e => e.Sequence).Select(e => e.Details!).FirstAsync()));
        await outbox.DispatchPendingAsync(TestContext.Current.CancellationToken);
        var told = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == GrantJourney.Applicant && m.Subject.Contains("nouveau délai")));
        var letter = await DeliveredAsync(app, told.Id);
        Assert.Contains(Caf.Data.MailText.Date(extended, "fr"), letter.TextBody);
        Assert.Contains("Elections delayed the final workshop", letter.TextBody);

        // Extensions do not add up beyond a year after the original due date.
        var beyond = await isu.PostFormAsync($"/Reporting/Extension/{id}", new() { ["Input.DueOn"] = Iso(due.AddYears(1).AddDays(1)), ["Input.Reason"] = "Again." });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("a year at most from the original one", await beyond.Content.ReadAsStringAsync());

        // The old 3-day reminder's time passes quietly; at the new 14-day reminder's, it goes with the new date.
        app.Clock.FreezeAt(before["final-report-reminder-3"].AddMinutes(1));
        Assert.Equal(0, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        app.Clock.FreezeAt(after["final-report-reminder-14"].AddMinutes(1));
        Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        await outbox.DispatchPendingAsync(TestContext.Current.CancellationToken);
        var reminder = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.To == GrantJourney.Applicant && m.Subject.Contains("attendu le"))
            .OrderByDescending(m => m.CreatedAtUtc).FirstAsync());
        Assert.Contains(Caf.Data.MailText.Date(extended, "fr"), (await DeliveredAsync(app, reminder.Id)).Subject);
    }

    [Fact]
    public async Task A_person_who_turned_reminders_off_gets_none_but_still_gets_the_overdue_notice_the_process_requires()
    {
        await using var app = new SqliteAppFactory { Settings = { ["App:PublicBaseUrl"] = PublicAddress } };
        var (id, _) = await ReportsDueAsync(app, isuLanguage: null);
        var journey = new GrantJourney(app);
        using (var applicant = await journey.SignInAsync(GrantJourney.Applicant))
        {
            // The focal point reads French: the page is in French too.
            var (_, page) = await applicant.GetAsync("/Account/Preferences");
            Assert.Contains("Des rappels 14 et 3 jours avant l'échéance d'un rapport", System.Net.WebUtility.HtmlDecode(page));
            Assert.Contains("Un avis le lendemain de l'échéance d'un rapport, et tout délai accordé", System.Net.WebUtility.HtmlDecode(page));
            Assert.Contains("value=\"ReportReminders\" checked=\"checked\"", page);
            // A number or joined names are not emails of the list (the flags would read them as a combination): refused, nothing changed.
            foreach (var odd in new[] { "7", "SubmissionConfirmations,ReportReminders", "None" })
            {
                var refused = await applicant.PostFormAsync("/Account/Preferences", new() { ["Language"] = "fr", ["EmailsShown"] = "true", ["Receive"] = odd });
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("Tick only the emails listed on this page.", await refused.Content.ReadAsStringAsync());
            }
            Assert.Equal(OptionalEmail.None, await app.WithDbAsync(db => db.Users.Where(u => u.Email == GrantJourney.Applicant).Select(u => u.EmailOptOuts).SingleAsync()));
            // Ticks only the confirmations: the reminders are turned off; the language stays French.
            await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync("/Account/Preferences", new()
            {
                ["Language"] = "fr", ["EmailsShown"] = "true", ["Receive"] = "SubmissionConfirmations",
            }), "turn the reminders off");
            (_, page) = await applicant.GetAsync("/Account/Preferences");
            Assert.DoesNotContain("value=\"ReportReminders\" checked", page);
            Assert.Contains("value=\"SubmissionConfirmations\" checked=\"checked\"", page);
        }
        using (var isu = await journey.SignInAsync(GrantJourney.Isu))
        {
            var (_, page) = await isu.GetAsync("/Account/Preferences");
            Assert.DoesNotContain("Reminders 14 and 3 days", page);
            await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync("/Account/Preferences", new() { ["Language"] = "en", ["EmailsShown"] = "true" }),
                "turn the escalations off");
        }
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "user.emails-chosen").Select(e => e.Details!).ToListAsync()),
            d => d.Contains("ReportReminders", StringComparison.Ordinal));

        var runner = app.Services.GetRequiredService<WorkflowTimerRunner>();
        var timers = await app.WithDbAsync(db => db.WorkflowTimers.Where(t => t.Status == WorkflowTimerStatus.Pending && t.Stage == "Reporting")
            .ToDictionaryAsync(t => t.TimerId, t => t.DueAtUtc));
        foreach (var timer in new[] { "final-report-reminder-14", "final-report-reminder-3", "final-report-overdue", "final-report-escalation" })
        {
            app.Clock.FreezeAt(timers[timer].AddMinutes(1));
            Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        }
        var sent = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.CreatedAtUtc >= timers["final-report-reminder-14"]).ToListAsync());
        // The reminders went to nobody who turned them off (the notes on their tasks stay); the overdue notice went all the same.
        Assert.DoesNotContain(sent, m => m.To == GrantJourney.Applicant && m.Subject.Contains("attendu le", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.To == GrantJourney.Applicant && m.Subject.Contains("en retard", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, m => m.To == GrantJourney.Isu);
        Assert.Equal(2, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.ApplicationId == id && n.Message.StartsWith("Reminder:"))));
        // The notes on the applicant's tasks are in their language, French; the ISU's in English, theirs.
        var reference = await app.WithDbAsync(db => db.Applications.Where(a => a.Id == id).Select(a => a.Reference).SingleAsync());
        using (var applicant = await journey.SignInAsync(GrantJourney.Applicant))
        {
            var tasks = System.Net.WebUtility.HtmlDecode((await applicant.GetAsync("/Tasks")).Html);
            Assert.Contains($"Rappel\u00a0: le rapport final de {reference} est attendu le", tasks);
            Assert.Contains($"Le rapport final de {reference} était attendu le", tasks);
            Assert.DoesNotContain("Reminder:", tasks);
        }
        using (var isu = await journey.SignInAsync(GrantJourney.Isu))
            Assert.Contains("Overdue: ", (await isu.GetAsync("/Tasks")).Html);
    }

    [Fact]
    public async Task A_report_sent_before_its_due_date_is_not_chased()
    {
        await using var app = new SqliteAppFactory { Settings = { ["App:PublicBaseUrl"] = PublicAddress } };
        var (id, _) = await ReportsDueAsync(app, isuLanguage: null);
        using (var applicant = await new GrantJourney(app).SignInAsync(GrantJourney.Applicant))
            await GrantJourney.ExpectRedirectAsync(applicant.PostMultipartAsync($"/Reporting/FinalReport/{id}", GrantJourney.Told(new() { ["Input.Lines[0]"] = "1900.00" }),
                "Input.File", "final-report.pdf", "%PDF-1.7\n%early\n"u8.ToArray(), "application/pdf"), "send the final report early");
        var runner = app.Services.GetRequiredService<WorkflowTimerRunner>();
        var timers = await app.WithDbAsync(db => db.WorkflowTimers.Where(t => t.Status == WorkflowTimerStatus.Pending && t.Stage == "Reporting")
            .ToDictionaryAsync(t => t.TimerId, t => t.DueAtUtc));
        var from = timers["final-report-reminder-14"];
        foreach (var timer in new[] { "final-report-reminder-14", "final-report-reminder-3", "final-report-overdue", "final-report-escalation" })
        {
            app.Clock.FreezeAt(timers[timer].AddMinutes(1));
            Assert.Equal(1, await runner.RunDueAsync(TestContext.Current.CancellationToken));
        }
        // The report waits for the ISU's review: no reminder, no overdue notice, no escalation — neither a note nor an email.
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.CreatedAtUtc >= from)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.ApplicationId == id && n.CreatedAtUtc >= from)));
    }

    /// <summary>A grant whose activities ended yesterday, now awaiting its reports; its focal point reads French.</summary>
    private static async Task<(Guid Id, DateOnly Today)> ReportsDueAsync(SqliteAppFactory app, string? isuLanguage)
    {
        await app.InitializeAsync();
        await app.ResetAsync();
        var today = Caf.Data.FundTime.Today(app.Clock);
        var scenario = new GrantScenario(app);
        var id = await scenario.ActiveGrantAsync(activityEnd: today.AddDays(-1));
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant)).Language = "fr";
            if (isuLanguage is not null) (await db.Users.SingleAsync(u => u.Email == GrantJourney.Isu)).Language = isuLanguage;
            return await db.SaveChangesAsync();
        });
        await scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
        return (id, today);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The people of a role with an email, each with their language: the grantee state's for applicants.</summary>
    private static Task<Dictionary<string, string>> UsersInRoleAsync(CafAppFactory app, string role, Guid? stateOf) => app.WithDbAsync(async db =>
    {
        var state = stateOf is { } application ? await db.Applications.Where(a => a.Id == application).Select(a => (Guid?)a.ApplicantStateId).SingleAsync() : null;
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        return await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId) && (state == null || u.StatePartyId == state))
            .ToDictionaryAsync(u => u.Email!, u => u.Language);
    });

    /// <summary>The message as the mail server received it, found by its Message-ID; exactly one delivery of it.</summary>
    private static async Task<MimeMessage> DeliveredAsync(CafAppFactory app, Guid id)
    {
        var messageId = $"{id:N}@cafgrants";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var found = new List<MimeMessage>();
            foreach (var file in Directory.EnumerateFiles(app.MailFolder))
                if ((await File.ReadAllTextAsync(file)).Contains(messageId, StringComparison.Ordinal))
                    found.Add(await MimeMessage.LoadAsync(file));
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                var message = Assert.Single(found);
                Assert.Equal(messageId, message.MessageId);
                return message;
            }
            await Task.Delay(200);
        }
    }
}
