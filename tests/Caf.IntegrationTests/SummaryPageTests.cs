using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>The printable summary of a submitted proposal: every part in it, typed text shown as text, and who may read it.</summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class SummaryPageTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task The_summary_of_a_submitted_proposal_shows_every_part_of_it()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Land release methods: visit to Colombia", "COL",
            ("Return flights", "4", "1850.00"), ("Hotel nights", "28", "120.50"));
        var action = await factory.WithDbAsync(db => db.ActionPlanActions.OrderBy(a => a.Number).FirstAsync());
        fields["Form.Actions"] = action.Id.ToString();
        AddDelegation(fields,
            ("Dara Kim", "Survey officer", "CMAA", "Female", "Under25"),
            ("Vanna Phal", "Team leader", "CMAA", "Male", "From25To39"),
            ("Sopheap Ly", "Data officer", "CMAA", "Male", "NotStated"),
            ("Rithy Chea", "Community liaison", "CMAA", "NotStated", "From40To59"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");
        var reference = (await _journey.LoadAsync(id)).Reference!;

        var (status, body) = await applicant.GetAsync($"/Applications/Summary/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var html = WebUtility.HtmlDecode(body);
        foreach (var expected in new[]
                 {
                     reference, "Land release methods: visit to Colombia", "Cambodia", "Colombia (host)", "Received", "Geneva time",
                     fields["Form.Summary"], "1 Mar 2027 – 8 Mar 2027", "Article 5 clearance and land release",
                     action.Label, action.Text, fields["Form.Objectives"],
                     fields["Form.Results[0].Result"], fields["Form.Results[0].Indicator"], "sex and age",
                     "Field visit to survey teams", "2 Mar 2027", "6 Mar 2027", "Bogotá",
                     "Chanthy Sok", "Deputy director", "Dara Kim", "Community liaison",
                     "Return flights", "Hotel nights", "CHF 7,400.00", "CHF 3,374.00",
                     "CHF 1,200.00", fields["Form.ContributionInKind"],
                     fields["Form.GenderAnalysis"], fields["Form.DoNoHarm"], fields["Form.FollowUpPlan"],
                     "endorsement.pdf", "endorsement letter",
                 })
        {
            Assert.Contains(expected, html);
        }
        Assert.Contains("<td>Colombia</td>", html);
        Assert.Contains("id=\"requested-total\">CHF 10,774.00<", html);
        Assert.Contains("id=\"delegation-by-sex\">2 women, 2 men; 1 not stated<", html);
        Assert.Contains("id=\"delegation-by-age\">1 under 25, 1 aged 25–39, 2 aged 40–59; 1 not stated<", html);
        Assert.Contains($"href=\"/Applications/Attachment/", html);
    }

    [Fact]
    public async Task The_details_page_shows_the_proposal_and_links_to_the_printable_summary()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var fields = await _journey.DraftFieldsAsync("Risk education exchange", "SEN", ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");

        var (status, body) = await applicant.GetAsync($"/Applications/Details/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var html = WebUtility.HtmlDecode(body);
        Assert.Contains($"<a href=\"/Applications/Summary/{id}\">Printable summary</a>", html);
        Assert.Contains(fields["Form.Objectives"], html);
        Assert.Contains(fields["Form.DoNoHarm"], html);
        Assert.Contains("id=\"delegation-by-sex\">1 woman, 0 men<", html);
        Assert.Contains("id=\"requested-total\">CHF 1,800.00<", html);
        Assert.Contains("What you can do now", html);
    }

    [Fact]
    public async Task A_script_typed_into_the_proposal_is_shown_as_text_not_run()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        const string script = "<script>alert(1)</script>";
        var fields = await _journey.DraftFieldsAsync($"Exchange {script}", "SEN", ("Flights <b>bold</b>", "2", "900"));
        fields["Form.Objectives"] = $"Learn.\n{script}\nShare.";
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), "submit");

        foreach (var page in new[] { "Summary", "Details" })
        {
            var (status, body) = await applicant.GetAsync($"/Applications/{page}/{id}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>bold</b>", body);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body);
            // The objectives keep their line breaks, which the prose style shows.
            Assert.Contains("<p class=\"prose\">Learn.\n<script>alert(1)</script>\nShare.</p>", WebUtility.HtmlDecode(body));
        }
    }

    [Fact]
    public async Task A_partner_state_reads_the_summary_and_another_state_gets_not_found()
    {
        await factory.ResetAsync();
        using var cambodia = await _journey.SignInAsync(GrantJourney.Applicant);
        using var colombia = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        var hostedByColombia = await SubmittedAsync(cambodia, "Hosted by Colombia", "COL");
        var hostedBySenegal = await SubmittedAsync(cambodia, "Hosted by Senegal", "SEN");

        var (partnerStatus, partnerHtml) = await colombia.GetAsync($"/Applications/Summary/{hostedByColombia}");
        Assert.Equal(HttpStatusCode.OK, partnerStatus);
        Assert.Contains("Hosted by Colombia", partnerHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Summary/{hostedBySenegal}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Summary/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task A_draft_summary_is_for_its_applicant_only()
    {
        await factory.ResetAsync();
        using var cambodia = await _journey.SignInAsync(GrantJourney.Applicant);
        var id = await GrantJourney.CreateDraftAsync(cambodia, await _journey.DraftFieldsAsync("Draft exchange", "COL", ("Flights", "2", "900")));
        using var colombia = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);

        var (status, html) = await cambodia.GetAsync($"/Applications/Summary/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("given on submission", html);
        Assert.Equal(HttpStatusCode.NotFound, (await colombia.GetAsync($"/Applications/Summary/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await isu.GetAsync($"/Applications/Summary/{id}")).Status);
    }

    private async Task<Guid> SubmittedAsync(CafSession applicant, string title, string partnerIso)
    {
        var fields = await _journey.DraftFieldsAsync(title, partnerIso, ("Flights", "2", "900"));
        var id = await GrantJourney.CreateDraftAsync(applicant, fields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{id}", fields, "Submit"), $"submit {title}");
        return id;
    }

    /// <summary>Adds members to the delegation after the one <see cref="GrantJourney.DraftFieldsAsync"/> puts first.</summary>
    private static void AddDelegation(Dictionary<string, string> fields,
        params (string Name, string Function, string Organisation, string Sex, string AgeBand)[] members)
    {
        for (var i = 0; i < members.Length; i++)
        {
            var prefix = $"Form.Delegation[{i + 1}]";
            fields[$"{prefix}.Name"] = members[i].Name;
            fields[$"{prefix}.Function"] = members[i].Function;
            fields[$"{prefix}.Organisation"] = members[i].Organisation;
            fields[$"{prefix}.Sex"] = members[i].Sex;
            fields[$"{prefix}.AgeBand"] = members[i].AgeBand;
        }
    }
}
