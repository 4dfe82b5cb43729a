using System.Globalization;
using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>Screening: automatic checks, the ISU's questions with reopened sections, the answer as a new version, and the decision told to the applicant in their language.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class EligibilityScreeningTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task A_question_reopens_a_section_the_answer_resubmits_a_new_version_and_the_decision_reaches_the_applicant_in_French()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var unknown = await applicant.PostFormAsync("/Account/Preferences", new() { ["Language"] = "de" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync("/Account/Preferences", new() { ["Language"] = "fr" }), "choose French");
        var fields = await _journey.DraftFieldsAsync("Survey exchange with Colombia", "COL", ("Return flights", "4", "1850"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var confirmation = await factory.WithDbAsync(db => db.Outbox.Where(m => m.To == GrantJourney.Applicant).SingleAsync());
        Assert.StartsWith("Demande CAF-", confirmation.Subject);

        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "start-screening"), "start screening");
        var (_, screen) = await isu.GetAsync($"/Eligibility/Screen/{id}");
        foreach (var check in new[] { "applicant-state-party", "article7-report", "partner-state-party", "before-deadline", "amount", "dates-in-window", "duration", "endorsement-letter" })
            Assert.Contains($"data-check=\"{check}\"", screen);
        Assert.DoesNotContain("<td>Fail</td>", screen);

        // Questions without a rationale or without questions are refused, field by field, and change nothing.
        var incomplete = GrantJourney.ScreeningFields("Clarification", "");
        var refused = await isu.PostFormAsync($"/Eligibility/Screen/{id}", incomplete);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Give the rationale the applicant will be told.", refusedHtml);
        Assert.Contains("Write the questions the applicant should answer.", refusedHtml);
        Assert.Equal("EligibilityScreening", await _journey.StageAsync(id));

        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Eligibility/Screen/{id}",
            GrantJourney.ScreeningFields("Clarification", "The budget needs one more line.", "Please add the interpretation costs.", "Budget")),
            "ask a question");
        Assert.Equal("ClarificationRequested", await _journey.StageAsync(id));

        // Only the reopened section may change: the title stays, the budget takes the new line.
        fields["Form.Title"] = "A title the ISU did not reopen";
        fields["Form.Budget[1].Category"] = "Interpretation";
        fields["Form.Budget[1].Description"] = "Interpretation, 3 days";
        fields["Form.Budget[1].Quantity"] = "3";
        fields["Form.Budget[1].UnitCost"] = "650";
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Save"), "save the reopened budget");
        var (_, respond) = await applicant.GetAsync($"/Applications/Respond/{id}");
        Assert.Contains("Please add the interpretation costs.", respond);
        var empty = await applicant.PostFormAsync($"/Applications/Respond/{id}", new() { ["Answer"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Respond/{id}",
            new() { ["Answer"] = "Interpretation added: three days." }), "answer");

        var answered = await _journey.LoadAsync(id);
        Assert.Equal("EligibilityScreening", answered.Stage);
        Assert.Equal("Survey exchange with Colombia", answered.Title);
        Assert.Equal(4 * 1850m + 3 * 650m, answered.RequestedAmount.Amount);
        Assert.Equal(2, answered.EligibilityChecks.Select(c => c.RunId).Distinct().Count());

        var (_, versions) = await isu.GetAsync($"/Eligibility/Versions/{id}");
        var diff = System.Net.WebUtility.HtmlDecode(versions);
        Assert.Contains("Budget line 2", diff);
        Assert.Contains("Interpretation: Interpretation, 3 days, 3 × CHF 650.00 = CHF 1,950.00", diff);
        Assert.Contains("CHF 9,350.00", diff);
        Assert.DoesNotContain("A title the ISU did not reopen", diff);

        await GrantJourney.DeclareEligibleAsync(isu, id);
        Assert.Equal("GenderReview", await _journey.StageAsync(id));
        // The screening's answers are owned by it: each is in the audit trail under the screening (issue 13).
        Assert.True(await factory.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == "ScreeningDecision.ScreeningAnswer" && e.Action == "ScreeningDecision.ScreeningAnswer.created")));
        var mails = await factory.WithDbAsync(db => db.Outbox.Where(m => m.To == GrantJourney.Applicant).OrderBy(m => m.CreatedAtUtc).ToListAsync());
        Assert.Equal(3, mails.Count);
        Assert.Contains("questions de l'Unité d'appui", mails[1].Subject);
        Assert.Contains("Please add the interpretation costs.", mails[1].Body);
        Assert.EndsWith(": éligible", mails[2].Subject);
        Assert.Contains("All checks met.", mails[2].Body);
        var (_, details) = await applicant.GetAsync($"/Applications/Details/{id}");
        Assert.Contains("All checks met.", details);
    }

    [Fact]
    public async Task Declaring_eligible_is_refused_while_an_automatic_check_fails_and_rerunning_after_new_reference_data_shows_it()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Exchange with Senegal", "SEN", ("Return flights", "2", "1850"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(id, "start-screening"), "start screening");

        // New reference data: Cambodia's Article 7 report due when it submitted is no longer recorded.
        var year = Caf.Data.Eligibility.EligibilityRules.Article7YearDue(Caf.Data.FundTime.Today(factory.Clock));
        var csv = await factory.WithDbAsync(async db => string.Join("\n",
            (await db.StatePartyRecords.Include(r => r.Import).OrderByDescending(r => r.Import.ImportedAtUtc).ToListAsync())
            .GroupBy(r => r.ImportId).First()
            .Select(r => string.Join(",", r.IsoCode, Quote(r.NameEn), Quote(r.NameFr), Quote(r.NameEs), r.PartySince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Article5Status switch { Article5Status.InProgress => "in-progress", Article5Status.Completed => "completed", _ => "none" },
                r.Article5Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.VictimAssistance ? "yes" : "no",
                string.Join(";", r.Article7ReportYears.Where(y => r.IsoCode != "KHM" || y != year))))
            .Prepend("iso3,name_en,name_fr,name_es,party_since,article5_status,article5_deadline,victim_assistance,article7_years")));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var import = await isu.PostMultipartAsync("/Admin/ReferenceData", new(), "Upload", "states.csv", System.Text.Encoding.UTF8.GetBytes(csv), "text/csv");
        Assert.True(import.StatusCode == HttpStatusCode.Redirect, await import.Content.ReadAsStringAsync());
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Eligibility/Screen/{id}", new(), "Rerun"), "rerun");

        var (_, screen) = await isu.GetAsync($"/Eligibility/Screen/{id}");
        Assert.Contains($"No Article 7 report for {year} is recorded for Cambodia", screen);
        var refused = await isu.PostFormAsync($"/Eligibility/Screen/{id}", GrantJourney.ScreeningFields("Eligible", "Looks fine."));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Automatic checks not met: Article 7 report due at submission recorded", await refused.Content.ReadAsStringAsync());
        Assert.Equal("EligibilityScreening", await _journey.StageAsync(id));
        Assert.Empty(await factory.WithDbAsync(db => db.Set<ScreeningDecision>().ToListAsync()));
    }

    [Fact]
    public async Task An_applicant_withdraws_only_with_a_reason_which_the_history_keeps()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Exchange to withdraw", "COL", ("Return flights", "2", "1850"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");

        var refused = await applicant.FireAsync(id, "withdraw");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Submitted", await _journey.StageAsync(id));
        await GrantJourney.ExpectRedirectAsync(applicant.FireAsync(id, "withdraw", "The host postponed the visit to next year."), "withdraw");
        var withdrawn = await _journey.LoadAsync(id);
        Assert.Equal("Withdrawn", withdrawn.Stage);
        Assert.Equal("The host postponed the visit to next year.", withdrawn.Workflow!.History.OrderBy(h => h.Sequence).Last().Comment);
    }

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
