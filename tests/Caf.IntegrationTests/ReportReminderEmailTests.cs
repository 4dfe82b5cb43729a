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
        await app.InitializeAsync();
        await app.ResetAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var scenario = new GrantScenario(app);
        var id = await scenario.ActiveGrantAsync(activityEnd: today.AddDays(-1));
        // The grantee's focal point reads French, one ISU officer Spanish; every other officer English.
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == GrantJourney.Applicant)).Language = "fr";
            (await db.Users.SingleAsync(u => u.Email == GrantJourney.Isu)).Language = "es";
            return await db.SaveChangesAsync();
        });
        await scenario.FireAsync(id, "reports-due", GrantJourney.Isu);
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
                Assert.Contains(Caf.Workflows.Grants.ReportMail.Date(due, language), delivered.TextBody);
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
