using System.Globalization;
using System.Net;
using Caf.Data.Committee;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// Versioned scoring rubrics: the ISU publishes a version through its page, a round names it, members score its
/// criteria, and the committee's weighted mean uses its weights.
/// </summary>
public abstract class ScoringRubricTests(CafAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    private static readonly (string Name, int Weight)[] Version2 =
    [
        ("Relevance to the Convention and its action plan", 50),
        ("Égalité de genre et diversité", 30),
        ("Cost-effectiveness", 20),
    ];

    private static Dictionary<string, string> CriterionFields(params (string Name, string Weight, string?[] Levels)[] criteria)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < criteria.Length; i++)
        {
            fields[$"Criteria[{i}].Name"] = criteria[i].Name;
            fields[$"Criteria[{i}].Weight"] = criteria[i].Weight;
            for (var level = 0; level < 5; level++)
                fields[$"Criteria[{i}].Levels[{level}]"] = criteria[i].Levels.ElementAtOrDefault(level) ?? "";
        }
        return fields;
    }

    private static string?[] Levels(string criterion) => [.. Enumerable.Range(1, 5).Select(l => $"{criterion}: level {l}")];

    [Fact]
    public async Task A_published_version_is_scored_by_the_round_that_names_it_with_its_own_weights()
    {
        await factory.ResetAsync();
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        var (_, form) = await isu.GetAsync("/Committee/NewRubric");
        Assert.Contains("Publish scoring rubric version 2", form);
        Assert.Contains(WebUtility.HtmlEncode(ScoringRubrics.Version1[1].Name), form);

        // Bad input: a message per criterion, what was typed kept, nothing written.
        var refused = await isu.PostFormAsync("/Committee/NewRubric", CriterionFields(
            ("Relevance", "60", Levels("Relevance")),
            ("", "10", Levels("Unnamed")),
            ("Typed and kept", "a lot", Levels("Typed")),
            ("Feasibility", "20", ["weak", "", "adequate", "good", "excellent"]),
            ("relevance", "10", Levels("Again"))));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Criterion 2 has no name: name it or empty the whole row.", refusedHtml);
        Assert.Contains("Criterion 3 (Typed and kept): the weight is a whole number from 1 to 100, not “a lot”.", refusedHtml);
        Assert.Contains("Criterion 4 (Feasibility): say what level 2 means.", refusedHtml);
        Assert.Contains("Criterion 5 (relevance) has the same name as an earlier criterion.", refusedHtml);
        Assert.Contains("Typed and kept", refusedHtml);
        Assert.Contains("value=\"a lot\"", refusedHtml);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ScoringRubrics.CountAsync()));

        var wrongSum = await isu.PostFormAsync("/Committee/NewRubric", CriterionFields(
            Version2.Select(c => (c.Name, (c.Weight - 5).ToString(CultureInfo.InvariantCulture), Levels(c.Name))).ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, wrongSum.StatusCode);
        Assert.Contains("The weights add up to 85; they must add up to 100.", WebUtility.HtmlDecode(await wrongSum.Content.ReadAsStringAsync()));

        // A row with level texts of its own but no name is not a spare row: it is refused, and its texts come back.
        var unnamed = await isu.PostFormAsync("/Committee/NewRubric", CriterionFields(
            [.. Version2.Select(c => (c.Name, c.Weight.ToString(CultureInfo.InvariantCulture), Levels(c.Name))), ("", "", Levels("Typed level"))]));
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        var unnamedHtml = WebUtility.HtmlDecode(await unnamed.Content.ReadAsStringAsync());
        Assert.Contains("Criterion 4 has no name: name it or empty the whole row.", unnamedHtml);
        Assert.Contains("Typed level: level 3", unnamedHtml);

        // Spare rows as the form gives them (no name, no weight, the default level texts) are left out.
        var fields = CriterionFields([.. Version2.Select(c => (c.Name, c.Weight.ToString(CultureInfo.InvariantCulture), Levels(c.Name))),
            ("", "", ScoringRubrics.DefaultLevels.ToArray<string?>())]);
        fields["BasedOn"] = "1";
        var published = await isu.PostFormAsync("/Committee/NewRubric", fields);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var version2 = await factory.WithDbAsync(db => db.ScoringRubrics.GetAsync(2, CancellationToken.None));
        Assert.Equal(Version2.Select(c => c.Name), version2.Items.Select(i => i.Name));
        Assert.Equal(Version2.Select(c => c.Weight), version2.Items.Select(i => i.Weight));
        // A criterion named as before keeps its code; a new one gets a code made from its name.
        Assert.Equal(["relevance", "egalite-de-genre-et-diversite", "cost"], version2.Items.Select(i => i.Code));
        Assert.Equal(Levels("Cost-effectiveness").Cast<string>(), version2.Items[2].Levels);
        Assert.Equal(GrantJourney.Isu, version2.CreatedBy);

        // A form opened before version 2 was published does not quietly undo it: 409, rows kept, nothing written.
        var stale = CriterionFields(("Relevance", "100", Levels("Stale")));
        stale["BasedOn"] = "1";
        var refusedStale = await isu.PostFormAsync("/Committee/NewRubric", stale);
        Assert.Equal(HttpStatusCode.Conflict, refusedStale.StatusCode);
        var staleHtml = WebUtility.HtmlDecode(await refusedStale.Content.ReadAsStringAsync());
        Assert.Contains($"Version 2 was published by {GrantJourney.Isu} after you opened this form.", staleHtml);
        Assert.Contains("Stale: level 4", staleHtml);
        Assert.Contains("name=\"BasedOn\" value=\"2\"", staleHtml);
        Assert.Equal(2, await factory.WithDbAsync(db => db.ScoringRubrics.CountAsync()));

        // A form naming a version that was never published says so, instead of blaming someone for publishing after it.
        var madeUp = CriterionFields(("Relevance", "100", Levels("Made up")));
        madeUp["BasedOn"] = "999";
        var refusedMadeUp = await isu.PostFormAsync("/Committee/NewRubric", madeUp);
        Assert.Equal(HttpStatusCode.Conflict, refusedMadeUp.StatusCode);
        var madeUpHtml = WebUtility.HtmlDecode(await refusedMadeUp.Content.ReadAsStringAsync());
        Assert.Contains("This form starts from version 999, which was never published. It now starts from version 2", madeUpHtml);
        Assert.DoesNotContain("after you opened this form", madeUpHtml);
        Assert.Equal(2, await factory.WithDbAsync(db => db.ScoringRubrics.CountAsync()));

        using var member = await _journey.SignInAsync("member1@caf.demo");
        var (_, list) = await member.GetAsync("/Committee/Rubrics");
        list = WebUtility.HtmlDecode(list);
        Assert.Contains("Version 2", list);
        Assert.Contains("Égalité de genre et diversité: level 5", list);
        Assert.DoesNotContain("Publish a new version", list);

        // A round must name a published version, and keeps it once open.
        var roundFields = _journey.RoundFields("Rubric 2 exchanges", rubricVersion: "3");
        var unknown = await isu.PostFormAsync("/Rounds/Edit", roundFields);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("There is no scoring rubric version 3. Choose a published version: 1, 2.",
            WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        roundFields["Form.RubricVersion"] = "2";
        var saved = await isu.PostFormAsync("/Rounds/Edit", roundFields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var roundId = Guid.Parse(saved.Headers.Location!.OriginalString["/Rounds/Edit/".Length..]);
        await GrantJourney.ExpectRedirectAsync(isu.PostFormAsync($"/Rounds/Edit/{roundId}", [], "Open"), "open the round");
        roundFields["Form.RubricVersion"] = "1";
        var changed = await isu.PostFormAsync($"/Rounds/Edit/{roundId}", roundFields);
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains("scoring rubric version", WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Rounds.Where(r => r.Id == roundId).Select(r => r.RubricVersion).SingleAsync()));

        var scenario = new GrantScenario(factory);
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await scenario.AtGenderReviewAsync(today.AddDays(60), roundId: roundId);
        await scenario.FireAsync(id, "complete-checklist", GrantJourney.Gender, (a, actors, now) => a.CompleteGenderReview(new GenderReview(a.Id,
            Enumerable.Repeat((ChecklistAnswer.Yes, (string?)null), GenderReview.DefaultItems.Count).ToList(), 2, "Principal.",
            actors[GrantJourney.Gender].UserId, now)));

        // The scoring form shows version 2's criteria and level texts, and nothing of version 1's.
        var (status, scoring) = await member.GetAsync($"/Committee/Score/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        scoring = WebUtility.HtmlDecode(scoring);
        Assert.Contains("Rubric version 2", scoring);
        Assert.Contains("Égalité de genre et diversité (weight 30)", scoring);
        Assert.Contains("3 — Cost-effectiveness: level 3", scoring);
        Assert.DoesNotContain(ScoringRubrics.Version1[1].Name, scoring);

        // Scoring a version-1 criterion that version 2 does not have is not enough: each of version 2's is asked for.
        var missing = await member.PostFormAsync($"/Committee/Score/{id}", GrantJourney.ScoreFields(4));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Score 'Égalité de genre et diversité' from 1 to 5, or mark it not applicable.",
            WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));

        var scores = new Dictionary<string, string>
        {
            ["Input.Scores[relevance]"] = "5",
            ["Input.Scores[egalite-de-genre-et-diversite]"] = "2",
            ["Input.Scores[cost]"] = "na",
            ["Input.Comments[egalite-de-genre-et-diversite]"] = "Delegation all male.",
        };
        await GrantJourney.ExpectRedirectAsync(member.PostFormAsync($"/Committee/Score/{id}", scores), "score under version 2");
        var score = await factory.WithDbAsync(db => db.CommitteeScores.AsNoTracking().SingleAsync(s => s.ApplicationId == id));
        Assert.Equal(2, score.RubricVersion);
        // Cost is not applicable: (5 × 50 + 2 × 30) / 80 = 3.875, kept to two decimals.
        Assert.Equal(3.88m, score.WeightedScore);

        var (_, details) = await member.GetAsync($"/Applications/Details/{id}");
        details = WebUtility.HtmlDecode(details);
        Assert.Contains("Weighted mean: <strong>3.88</strong> of 5", details);
        Assert.Contains("Égalité de genre et diversité: Delegation all male.", details);
    }
}

[Collection(SqliteCollectionDefinition.Name)]
public sealed class SqliteScoringRubricTests(SqliteAppFactory factory) : ScoringRubricTests(factory);

[Collection(PostgresCollectionDefinition.Name)]
public sealed class PostgresScoringRubricTests(PostgresAppFactory factory) : ScoringRubricTests(factory);
