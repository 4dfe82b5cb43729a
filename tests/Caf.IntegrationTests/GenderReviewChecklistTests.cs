using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Versioned gender checklists: the ISU publishes a version through its page, a round names it, the gender focal point
/// answers that version, and a No on do-no-harm reaches the committee as a flag.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class GenderReviewChecklistTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private static readonly (string Text, ChecklistItemTag Tag)[] Version2 =
    [
        ("At least one objective addresses gender equality.", ChecklistItemTag.GenderObjective),
        ("Safeguarding of participants is planned and budgeted.", ChecklistItemTag.DoNoHarm),
        ("Women's organisations of the host country are consulted.", ChecklistItemTag.None),
        ("A gender and diversity analysis is attached.", ChecklistItemTag.Analysis),
    ];

    private static Dictionary<string, string> ItemFields(params (string Text, ChecklistItemTag Tag)[] items)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < items.Length; i++)
        {
            fields[$"Items[{i}].Text"] = items[i].Text;
            fields[$"Items[{i}].Tag"] = items[i].Tag.ToString();
        }
        return fields;
    }

    [Fact]
    public async Task A_published_version_is_answered_by_the_round_that_names_it_and_a_No_on_do_no_harm_is_flagged_to_the_chair()
    {
        await factory.ResetAsync();
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var (_, form) = await isu.GetAsync("/GenderReview/NewChecklist");
        Assert.Contains("Publish gender checklist version 2", form);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(GenderReview.DefaultItems[1]), form);

        // Bad input: a message per item, what was typed kept, nothing written.
        var tooLong = new string('x', 501);
        var refused = await isu.PostFormAsync("/GenderReview/NewChecklist", ItemFields(
            ("A gender analysis is attached.", ChecklistItemTag.Analysis),
            ("", ChecklistItemTag.GenderObjective),
            (tooLong, ChecklistItemTag.None),
            ("Typed and kept", ChecklistItemTag.Analysis)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Item 2 is empty: write it or remove it.", refusedHtml);
        Assert.Contains("Item 3 is 501 characters long: keep it to 500.", refusedHtml);
        Assert.Contains("Item 4: only one item may be tagged “gender analysis”.", refusedHtml);
        Assert.Contains("Tag one item “do-no-harm / safeguarding”", refusedHtml);
        Assert.Contains("Typed and kept", refusedHtml);
        Assert.Contains(tooLong, refusedHtml);
        Assert.Equal(1, await factory.WithDbAsync(db => db.GenderChecklists.CountAsync()));
        Assert.Equal(8, await factory.WithDbAsync(db => db.Set<GenderChecklistItem>().CountAsync()));

        // Blank rows are left out; the tagged items may sit anywhere.
        var fields = ItemFields([.. Version2, ("", ChecklistItemTag.None)]);
        fields["BasedOn"] = "1";
        var published = await isu.PostFormAsync("/GenderReview/NewChecklist", fields);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var version2 = await factory.WithDbAsync(db => db.GenderChecklists.AsNoTracking().Include(c => c.Items).SingleAsync(c => c.Version == 2));
        Assert.Equal(Version2.Select(i => i.Text), version2.Items.OrderBy(i => i.Position).Select(i => i.Text));
        Assert.Equal(Version2.Select(i => i.Tag), version2.Items.OrderBy(i => i.Position).Select(i => i.Tag));
        Assert.Equal(GrantJourney.Isu, version2.CreatedBy);
        var stale = await isu.PostFormAsync("/GenderReview/NewChecklist", fields);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Version 2 was published by", await stale.Content.ReadAsStringAsync());
        Assert.Equal(2, await factory.WithDbAsync(db => db.GenderChecklists.CountAsync()));
        using var auditor = await _journey.SignInAsync("auditor@caf.demo");
        var (_, list) = await auditor.GetAsync("/GenderReview/Checklists");
        Assert.Contains("Version 2", list);
        Assert.Contains("Safeguarding of participants is planned and budgeted.", list);
        Assert.DoesNotContain("Publish a new version", list);

        // A round must name a published version.
        var roundFields = _journey.RoundFields("Gender-focused exchanges", checklistVersion: "3");
        var unknown = await isu.PostFormAsync("/Rounds/Edit", roundFields);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("There is no gender checklist version 3. Choose a published version: 1, 2.",
            System.Net.WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        roundFields["Form.GenderChecklistVersion"] = "2";
        var saved = await isu.PostFormAsync("/Rounds/Edit", roundFields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var roundId = Guid.Parse(saved.Headers.Location!.OriginalString["/Rounds/Edit/".Length..]);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Rounds/Edit/{roundId}", [], "Open"), "open the round");

        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await new GrantScenario(factory).AtGenderReviewAsync(today.AddDays(60), roundId: roundId);

        using var gender = await _journey.SignInAsync(GrantJourney.Gender);
        var (status, checklist) = await gender.GetAsync($"/GenderReview/Checklist/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        checklist = System.Net.WebUtility.HtmlDecode(checklist);
        Assert.Contains("Checklist version 2", checklist);
        foreach (var (text, _) in Version2) Assert.Contains(text, checklist);
        Assert.DoesNotContain(GenderReview.DefaultItems[1], checklist);
        Assert.Contains("gender analysis (item 4) and a gender-equality objective (item 1)", checklist);
        Assert.DoesNotContain("answer-4-Yes", checklist);

        var answers = new Dictionary<string, string> { ["Input.Marker"] = "1", ["Input.Rationale"] = "Gender is significant; safeguarding is missing." };
        string[] given = ["Yes", "No", "Partial", "Yes"];
        for (var i = 0; i < given.Length; i++)
        {
            answers[$"Input.Answers[{i}]"] = given[i];
            answers[$"Input.Evidence[{i}]"] = $"Section {i + 1}";
        }
        await GrantJourney.ExpectRedirectAsync(gender.PostFormAsync($"/GenderReview/Checklist/{id}", answers), "complete the checklist");
        Assert.Equal("CommitteeReview", await _journey.StageAsync(id));
        var review = await factory.WithDbAsync(db => db.GenderReviews.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.ApplicationId == id));
        Assert.Equal(2, review.ChecklistVersion);
        Assert.Equal(Version2.Select(i => i.Text), review.Answers.OrderBy(a => a.ItemNumber).Select(a => a.ItemText));
        Assert.Equal(2, GenderReview.SuggestMarker(review.Answers.Select(a => (a.Tag, a.Answer)).ToList()));

        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        var (_, details) = await chair.GetAsync($"/Applications/Details/{id}");
        details = System.Net.WebUtility.HtmlDecode(details);
        Assert.Contains("<div class=\"flags\" role=\"note\"", details);
        Assert.Contains("No do-no-harm / safeguarding check", details);
        Assert.DoesNotContain("No gender analysis", details);
        Assert.Contains("Safeguarding of participants is planned and budgeted. <strong>No</strong>", details);
    }

    [Fact]
    public async Task An_application_answered_with_version_1_shows_no_flag_when_nothing_is_No()
    {
        await factory.ResetAsync();
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await new GrantScenario(factory).ActiveGrantAsync(today.AddDays(60));

        using var chair = await _journey.SignInAsync(GrantJourney.Chair);
        var (_, details) = await chair.GetAsync($"/Applications/Details/{id}");
        Assert.DoesNotContain("class=\"flags\"", details);
        Assert.Contains("checklist version 1", details);
    }
}
