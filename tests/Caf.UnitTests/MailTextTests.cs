using System.Globalization;
using System.Text.RegularExpressions;
using Caf.Data;
using Caf.Data.Entities;
using Caf.Web.Features.Shared;
using Caf.Workflows.Grants;

namespace Caf.UnitTests;

/// <summary>
/// Every email in each language (issue 15): written whole from MailText in the recipient's language, whatever the
/// language of the page that caused it, its days and amounts as that language writes them.
/// </summary>
public sealed class MailTextTests
{
    private static readonly DateTime SubmittedAt = new(2026, 12, 3, 14, 5, 0, DateTimeKind.Utc);

    /// <summary>What a key looks like ("AccountMail.Invitation.Subject"), as a text missing from the files would be written.</summary>
    private static readonly Regex Key = new($@"\b({string.Join('|', ResourceFilesTests.Read("Caf.Data", "MailText", "").Keys
        .Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)]).Distinct())})\.[A-Z]", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData("fr")]
    [InlineData("es")]
    public void Every_email_is_written_whole_in_the_language_with_no_placeholder_or_key_left(string language)
    {
        var english = Every("en").ToDictionary(m => m.Name, m => m.Mail);
        foreach (var (name, (subject, body)) in Every(language))
        {
            foreach (var text in new[] { subject, body })
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{name} is empty.");
                Assert.DoesNotMatch(@"\{\d", text);
                Assert.DoesNotMatch(Key, text);
            }
            Assert.NotEqual(english[name].Subject, subject);
            Assert.NotEqual(english[name].Body, body);
        }
    }

    [Fact]
    public void The_approval_letter_in_English_reads_as_it_always_has()
    {
        var (subject, body) = Every("en").Single(m => m.Name == "committee approve").Mail;
        Assert.Equal("Application CAF-2026-0042: approved", subject);
        Assert.Equal("Dear focal point,\n\nThe Committee approved application CAF-2026-0042 \"Exchange\" for CHF 1,500.50.\n"
                     + "Conditions: Report on the survey method within 60 days.\n\nRationale: Strong value.\n\n"
                     + "The Implementation Support Unit will send you the grant agreement.\n\nCafGrants", body);
    }

    [Fact]
    public void An_email_is_in_the_recipient_s_language_whatever_the_page_s_and_writes_days_and_amounts_as_it_does()
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("fr");
            var confirmation = Mail("en", "submission").Body;
            Assert.Contains("on 3 December 2026 at 14:05 UTC, requesting CHF 2,000.00.", confirmation);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            Assert.Contains("la demande CAF-2026-0042 «\u00A0Exchange\u00A0»\nle 3 décembre 2026 à 14:05 UTC, pour un montant de CHF 2\u202F000,00.",
                Mail("fr", "submission").Body);
            Assert.Contains("el 3 de diciembre de 2026 a las 14:05 UTC, por un importe de CHF 2.000,00.", Mail("es", "submission").Body);
            Assert.Equal("Demande CAF-2026-0042\u00A0: approuvée", Mail("fr", "committee approve").Subject);
            Assert.Equal("Rapport intermédiaire 2 de CAF-2026-0042 attendu le 1er mars 2027", Mail("fr", "reminder 2").Subject);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Fact]
    public void A_language_the_files_do_not_have_reads_English() =>
        Assert.Equal(Mail("en", "reset"), Mail("de", "reset"));

    private static (string Subject, string Body) Mail(string language, string name) => Every(language).Single(m => m.Name == name).Mail;

    /// <summary>Each email the system sends, for one approved application, in <paramref name="language"/>.</summary>
    private static IEnumerable<(string Name, (string Subject, string Body) Mail)> Every(string language)
    {
        var builder = new GrantApplicationBuilder();
        var application = builder.Complete();
        application.MarkSubmitted("CAF-2026-0042", SubmittedAt);
        yield return ("submission", ApplicantMail.SubmissionConfirmation(application, language));
        var questions = new Clarification("Please add the interpretation costs.", [ProposalSection.Budget], "isu", SubmittedAt);
        foreach (var outcome in Enum.GetValues<ScreeningOutcome>())
            yield return ($"screening {outcome}", ApplicantMail.ScreeningDecision(application,
                new ScreeningDecision(outcome, [], "All checks met.", "isu", SubmittedAt), questions, language));
        GrantApplicationBuilder.ToCommitteeReview(application);
        application.RecordDecision(new Money(1_500.5m, "CHF"), "Strong value.", "Report on the survey method within 60 days.", SubmittedAt);
        foreach (var trigger in new[] { GrantTriggers.Approve, GrantTriggers.Reject, GrantTriggers.Defer })
            yield return ($"committee {trigger}", ApplicantMail.CommitteeDecision(application, trigger, "Strong value.", language));
        var due = new DateOnly(2027, 3, 1);
        foreach (var interim in new int?[] { null, 2 })
        {
            var link = "https://grants.example.org" + ReportMail.Page(application.Id, interim);
            yield return ($"reminder {interim}", ReportMail.Reminder(application, interim, due, link, language));
            yield return ($"overdue {interim}", ReportMail.Overdue(application, interim, due, link, language));
            yield return ($"escalation {interim}", ReportMail.Escalation(application, interim, due, link, language));
            yield return ($"returned {interim}", ReportMail.Returned(application, interim, "Attach the invoices.", link, language));
        }
        yield return ("extended", ReportMail.Extended(application, due, "Elections delayed the workshop.", "https://grants.example.org/x", language));
        foreach (var role in CafRoles.All)
            yield return ($"invitation {role}", AccountMail.Invitation("Awa Diop", role, "https://grants.example.org/i", SubmittedAt, language));
        yield return ("reset", AccountMail.PasswordReset("https://grants.example.org/r", language));
        foreach (var recoveryCode in new[] { true, false })
            yield return ($"authenticator {recoveryCode}", AccountMail.AuthenticatorChanged("Awa Diop", SubmittedAt, recoveryCode, language));
    }
}
