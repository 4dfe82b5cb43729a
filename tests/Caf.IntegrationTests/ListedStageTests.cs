using System.Net;
using Caf.Data;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The stage the database keeps on each application's row (ADR 0043) follows its workflow instance through every move,
/// and staff and partner states never see a draft withdrawn before it was submitted; its own state still does.
/// </summary>
public abstract class ListedStageTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    [Fact]
    public async Task Each_application_row_keeps_its_workflow_stage_and_a_draft_withdrawn_unsubmitted_stays_the_applicants_own()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var kept = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Listed stage: a draft kept", "COL", ("Flights", "2", "900")));
        var screenedFields = await _journey.DraftFieldsAsync("Listed stage: sent and screened", "COL", ("Flights", "2", "900"));
        var screened = await GrantJourney.CreateDraftAsync(applicant, screenedFields);
        await GrantJourney.ExpectRedirectAsync(applicant.PostFormAsync($"/Applications/Edit/{screened}", screenedFields, "Submit"), "submit");
        var withdrawn = await GrantJourney.CreateDraftAsync(applicant, await _journey.DraftFieldsAsync("Listed stage: withdrawn unsent", "COL", ("Flights", "2", "900")));
        await GrantJourney.ExpectRedirectAsync(applicant.FireAsync(withdrawn, "withdraw", "We will apply to the next round instead."), "withdraw the draft");
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        await GrantJourney.ExpectRedirectAsync(isu.FireAsync(screened, "start-screening"), "start screening");

        // Every row, the demo data's included (written by the seeder), says what its workflow instance says.
        var rows = await factory.WithDbAsync(db => db.Applications.AsNoTracking()
            .Select(a => new { a.Id, a.ListedStage, a.Workflow!.Stage }).ToListAsync(TestContext.Current.CancellationToken));
        Assert.True(rows.Count >= 3, $"{rows.Count} applications");
        Assert.All(rows, r => Assert.Equal(r.Stage, r.ListedStage));
        Assert.Equal(["Draft", "EligibilityScreening", "Withdrawn"],
            new[] { kept, screened, withdrawn }.Select(id => rows.Single(r => r.Id == id).ListedStage));

        // The database's copy is no change of the app's: the application's own audit records never mention it.
        var details = await factory.WithDbAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "GrantApplication" && e.EntityId == screened.ToString()).Select(e => e.Details ?? "").ToListAsync());
        Assert.NotEmpty(details);
        Assert.All(details, d => Assert.DoesNotContain(nameof(Caf.Data.Entities.GrantApplication.ListedStage), d, StringComparison.Ordinal));

        // The ISU lists and opens the submitted one, by its stage too; never the drafts, kept or withdrawn unsent.
        var (_, list) = await isu.GetAsync("/");
        Assert.Contains("Listed stage: sent and screened", list);
        // Its row says what it asks for, added up from its budget lines as its own page does.
        var requested = (await _journey.LoadAsync(screened)).RequestedAmount;
        Assert.Equal(1_800m, requested.Amount);
        Assert.Matches($@"Listed stage: sent and screened</a></td>\s*<td>[^<]*</td>\s*<td><span[^>]*>[^<]*</span></td>\s*<td class=""num"">{System.Text.RegularExpressions.Regex.Escape(requested.ToString())}</td>", list);
        Assert.DoesNotContain("Listed stage: withdrawn unsent", list);
        Assert.DoesNotContain("Listed stage: a draft kept", list);
        var (_, byStage) = await isu.GetAsync("/?Stage=EligibilityScreening");
        Assert.Contains("Listed stage: sent and screened", byStage);
        var (_, withdrawnStage) = await isu.GetAsync("/?Stage=Withdrawn");
        Assert.DoesNotContain("Listed stage: withdrawn unsent", withdrawnStage);
        Assert.Equal(HttpStatusCode.NotFound, (await isu.GetAsync($"/Applications/Details/{withdrawn}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await isu.GetAsync($"/Applications/Details/{screened}")).Status);

        // The partner state reads the submitted one, not the draft withdrawn before it was sent.
        using var partner = await _journey.SignInAsync(GrantJourney.OtherApplicant);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/Applications/Details/{screened}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/Applications/Details/{withdrawn}")).Status);

        // Its own state keeps it: in its list, filtered by its stage, and on its page.
        var (_, own) = await applicant.GetAsync("/?Stage=Withdrawn");
        Assert.Contains("Listed stage: withdrawn unsent", own);
        Assert.DoesNotContain("Listed stage: sent and screened", own);
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/Applications/Details/{withdrawn}")).Status);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteListedStageTests(SqliteAppFactory factory) : ListedStageTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresListedStageTests(PostgresAppFactory factory) : ListedStageTests(factory);
