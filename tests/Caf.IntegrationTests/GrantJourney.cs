using System.Globalization;
using System.Net;
using Caf.Data.Entities;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>Steps of the grant journey as the pages perform them, shared by the tests.</summary>
internal sealed class GrantJourney(CafAppFactory factory)
{
    public const string Applicant = "applicant@caf.demo";
    public const string OtherApplicant = "applicant.co@caf.demo";
    public const string Isu = "isu@caf.demo";
    public const string Gender = "gender@caf.demo";
    public const string Chair = "chair@caf.demo";
    public static readonly string[] Members = ["member1@caf.demo", "member2@caf.demo", "member3@caf.demo"];
    public const string Finance = "finance@caf.demo";
    /// <summary>The second pair of eyes on payments.</summary>
    public const string SecondFinance = "finance2@caf.demo";

    public async Task<CafSession> SignInAsync(string email)
    {
        var session = factory.NewSession();
        await session.SignInAsync(email);
        return session;
    }

    public Task<Dictionary<string, Guid>> StateIdsAsync() =>
        factory.WithDbAsync(db => db.StateParties.ToDictionaryAsync(s => s.IsoCode, s => s.Id));

    public Task<Guid> OpenRoundIdAsync() => factory.WithDbAsync(db => db.Rounds.Select(r => r.Id).FirstAsync());

    /// <summary>A PDF as far as the upload checks go: it starts with the PDF signature.</summary>
    public static readonly byte[] EndorsementLetterPdf = "%PDF-1.7\nLetter of endorsement from the national mine action authority.\n%%EOF"u8.ToArray();

    /// <summary>
    /// A complete proposal's fields: a title, one host partner, every narrative part, one result, one activity, one
    /// participant and the given budget lines (description, quantity, unit cost). The endorsement letter is uploaded by
    /// <see cref="CreateDraftAsync"/>.
    /// </summary>
    public async Task<Dictionary<string, string>> DraftFieldsAsync(string title, string partnerIso,
        params (string Description, string Quantity, string UnitCost)[] lines) =>
        DraftFields(await OpenRoundIdAsync(), await StateIdsAsync(), title, partnerIso, lines);

    /// <summary>The same for the round and States of a database the test reaches otherwise (an application run as a process).</summary>
    public static Dictionary<string, string> DraftFields(Guid roundId, IReadOnlyDictionary<string, Guid> states, string title, string partnerIso,
        params (string Description, string Quantity, string UnitCost)[] lines)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.RoundId"] = roundId.ToString(),
            ["Form.Title"] = title,
            ["Form.Summary"] = "Four survey staff learn non-technical survey methods from the host's teams.",
            ["Form.ActivityStart"] = "2027-03-01",
            ["Form.ActivityEnd"] = "2027-03-08",
            ["Form.Partners[0].StatePartyId"] = states[partnerIso].ToString(),
            ["Form.Partners[0].Role"] = "Host",
            ["Form.Delegation[0].Name"] = "Chanthy Sok",
            ["Form.Delegation[0].Function"] = "Deputy director",
            ["Form.Delegation[0].Organisation"] = "CMAA",
            ["Form.Delegation[0].Sex"] = "Female",
            ["Form.Delegation[0].AgeBand"] = "From40To59",
            ["Form.Themes"] = "ClearanceAndLandRelease",
            ["Form.Objectives"] = "Adopt non-technical survey methods that release suspected land faster.",
            ["Form.Results[0].Result"] = "Survey teams apply the host's evidence-based survey procedure.",
            ["Form.Results[0].Indicator"] = "Number of survey staff trained, by sex and age",
            ["Form.Results[0].Target"] = "4",
            ["Form.Results[0].BySex"] = "true",
            ["Form.Results[0].ByAge"] = "true",
            ["Form.Activities[0].Description"] = "Field visit to survey teams",
            ["Form.Activities[0].Start"] = "2027-03-02",
            ["Form.Activities[0].End"] = "2027-03-06",
            ["Form.Activities[0].Place"] = "Bogotá",
            ["Form.Activities[0].StatePartyId"] = states[partnerIso].ToString(),
            ["Form.GenderAnalysis"] = "Women make up half of the survey teams; the delegation is two women and two men.",
            ["Form.DoNoHarm"] = "Community interviews follow the host's safeguarding code; no minors are interviewed.",
            ["Form.FollowUpPlan"] = "The delegation trains the national survey teams within three months and reports results.",
            ["Form.ContributionCash"] = "1200",
            ["Form.ContributionInKind"] = "Staff time and in-country transport",
        };
        for (var i = 0; i < lines.Length; i++)
        {
            fields[$"Form.Budget[{i}].Category"] = "Travel";
            fields[$"Form.Budget[{i}].Description"] = lines[i].Description;
            fields[$"Form.Budget[{i}].Quantity"] = lines[i].Quantity;
            fields[$"Form.Budget[{i}].UnitCost"] = lines[i].UnitCost;
        }
        return fields;
    }

    /// <summary>Saves a new draft through the form, with its endorsement letter, and returns its id.</summary>
    public static async Task<Guid> CreateDraftAsync(CafSession applicant, Dictionary<string, string> fields)
    {
        var response = await applicant.PostMultipartAsync("/Applications/Edit", fields, "EndorsementLetter", "endorsement.pdf",
            EndorsementLetterPdf, "application/pdf", "Save");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Applications/Edit/", location);
        return Guid.Parse(location["/Applications/Edit/".Length..]);
    }

    /// <summary>The ISU's screening form: every checklist item answered, a decision and its rationale (and questions, for a clarification).</summary>
    /// <summary>
    /// A report's form with its narrative told (every test grant's proposal has one indicator), and <paramref name="fields"/>:
    /// what a final or interim report needs besides its own amounts and files.
    /// </summary>
    public static Dictionary<string, string> Told(Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Narrative.Activities"] = "The delegation visited three survey sites with the partner's teams.",
            ["Input.Narrative.Achieved[0]"] = "12 survey staff trained (7 women, 5 men)",
            ["Input.Narrative.Women.From25To39"] = "7",
            ["Input.Narrative.Men.From40To59"] = "5",
            ["Input.Narrative.Lessons"] = "Translate the survey forms before the visit.",
            ["Input.Narrative.FollowUp"] = "The national teams apply the procedure from the spring.",
        };
        foreach (var (key, value) in fields) form[key] = value;
        return form;
    }

    public static Dictionary<string, string> ScreeningFields(string decision, string rationale, string? questions = null,
        params string[] sections)
    {
        var fields = new Dictionary<string, string> { ["Input.Decision"] = decision, ["Input.Rationale"] = rationale };
        for (var i = 0; i < Caf.Web.Features.Eligibility.Screenings.DefaultChecklist.Count; i++)
        {
            fields[$"Input.Met[{i}]"] = "true";
            fields[$"Input.Notes[{i}]"] = "";
        }
        if (questions is not null) fields["Input.Questions"] = questions;
        for (var i = 0; i < sections.Length; i++) fields[$"Input.Sections[{i}]"] = sections[i];
        return fields;
    }

    public static Task DeclareEligibleAsync(CafSession isu, Guid applicationId) =>
        ExpectRedirectAsync(isu.PostFormAsync($"/Eligibility/Screen/{applicationId}", ScreeningFields("Eligible", "All checks met.")), "declare eligible");

    /// <summary>The scoring form: the same level on every criterion of rubric version 1, and an overall comment.</summary>
    public static Dictionary<string, string> ScoreFields(int level, string? comment = null)
    {
        var fields = Caf.Data.Committee.ScoringRubrics.Version1.ToDictionary(c => $"Input.Scores[{c.Code}]", _ => level.ToString(CultureInfo.InvariantCulture));
        if (comment is not null) fields["Input.Comment"] = comment;
        return fields;
    }

    /// <summary>The ISU's round form, filled in for a round open since yesterday, naming the given checklist and rubric versions.</summary>
    public Dictionary<string, string> RoundFields(string title, string checklistVersion = "1", string rubricVersion = "1")
    {
        var geneva = TimeZoneInfo.ConvertTimeFromUtc(factory.Clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich"));
        var today = DateOnly.FromDateTime(geneva);
        return new()
        {
            ["Form.Title"] = title,
            ["Form.Description"] = "Exchanges where gender equality is a principal objective.",
            ["Form.OpensAt"] = geneva.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Form.ClosesAt"] = geneva.AddDays(40).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Form.Currency"] = "CHF",
            ["Form.Envelope"] = "100000",
            ["Form.Ceiling"] = "20000",
            ["Form.MaxDurationDays"] = "60",
            ["Form.ImplementationStart"] = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.ImplementationEnd"] = today.AddDays(365).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Form.AllowedCurrencies"] = "CHF",
            ["Form.GenderChecklistVersion"] = checklistVersion,
            ["Form.RubricVersion"] = rubricVersion,
        };
    }

    /// <summary>
    /// A code of the finance officer's authenticator app, which every payment form asks for: the current one, or one a few
    /// 30-second steps ahead (still accepted) for a second payment, since a code pays only once.
    /// </summary>
    public static string PaymentCode(int stepsAhead = 0, string email = Finance) =>
        Totp.Code(Caf.Web.Seeding.DemoSeeder.AuthenticatorKeyFor(email), DateTimeOffset.UtcNow.AddSeconds(30 * stepsAhead));

    /// <summary>
    /// Through the pages, as finance works: the agreement recorded with <paramref name="firstTranche"/> on signature and the
    /// rest of <paramref name="approved"/> after the final reports, the first tranche requested by finance, approved by the
    /// second finance officer with a fresh code and marked paid on <paramref name="valueDate"/>.
    /// </summary>
    public async Task PayFirstTrancheAsync(Guid id, decimal approved, decimal firstTranche, DateOnly signedOn, DateOnly valueDate, string bankReference)
    {
        static string Text(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var finance = await SignInAsync(Finance);
        using var second = await SignInAsync(SecondFinance);
        await ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields(signedOn, Text(firstTranche), Text(approved - firstTranche))),
            "record the agreement");
        var page = $"/Finance/Tranches/{id}";
        await ExpectRedirectAsync(finance.PostFormAsync(page, new() { ["Input.Tranche"] = "1", ["Input.Amount"] = Text(firstTranche) }, "Request"),
            "request the first tranche");
        var request = await factory.WithDbAsync(db => db.DisbursementRequests.Where(d => d.ApplicationId == id && d.TrancheNumber == 1)
            .Select(d => d.Id).SingleAsync());
        await ExpectRedirectAsync(second.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.SecondFactorCode"] = PaymentCode(email: SecondFinance),
        }, "Approve"), "approve the first tranche");
        await ExpectRedirectAsync(finance.PostFormAsync(page, new()
        {
            ["Input.RequestId"] = request.ToString(), ["Input.ValueDate"] = Day(valueDate), ["Input.BankReference"] = bankReference,
        }, "Pay"), "mark the first tranche paid");
    }

    /// <summary>
    /// The agreement form as finance fills it: signed on <paramref name="signedOn"/>, a first tranche on signature and a
    /// second after the final reports, their amounts as typed, and the tests' bank details.
    /// </summary>
    public static Dictionary<string, string> AgreementFields(DateOnly signedOn, string firstTranche, string secondTranche) => new()
    {
        ["Input.SignedOn"] = signedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Tranches[0].Amount"] = firstTranche, ["Input.Tranches[0].Condition"] = "OnSignature",
        ["Input.Tranches[1].Amount"] = secondTranche, ["Input.Tranches[1].Condition"] = "AfterFinalReports",
        ["Input.AccountHolder"] = TestBankDetails.Value.AccountHolder!, ["Input.Account"] = TestBankDetails.Value.Account!,
        ["Input.BankName"] = TestBankDetails.Value.BankName!, ["Input.Bic"] = TestBankDetails.Value.Bic!,
    };

    /// <summary>A grant approved for CHF 2,000 whose agreement finance recorded through the page today: CHF 1,600 on signature, 400 after the final reports.</summary>
    public async Task<Guid> AgreedGrantAsync(CafSession finance)
    {
        var scenario = new GrantScenario(factory);
        var today = Caf.Data.FundTime.Today(factory.Clock);
        var id = await scenario.AtCommitteeReviewAsync(today.AddDays(60), Members.ToDictionary(m => m, _ => 4));
        await scenario.FireAsync(id, "approve", Chair, (a, _, now) => a.RecordDecision(new Caf.Data.Money(2_000m, "CHF"), "Approved.", null, now));
        await ExpectRedirectAsync(finance.PostFormAsync($"/Finance/Agreement/{id}", AgreementFields(today, "1600.00", "400.00")), "record the agreement");
        return id;
    }

    public Task<string> StageAsync(Guid applicationId) =>
        factory.WithDbAsync(db => db.Applications.Where(a => a.Id == applicationId).Select(a => a.Workflow!.Stage).SingleAsync());

    public Task<GrantApplication> LoadAsync(Guid applicationId) =>
        factory.WithDbAsync(db => Caf.Data.ApplicationQueries.WithGraph(db.Applications.AsNoTracking()).SingleAsync(a => a.Id == applicationId));

    public static async Task ExpectRedirectAsync(Task<HttpResponseMessage> request, string because)
    {
        var response = await request;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{because}: expected a redirect, got {(int)response.StatusCode}. {ErrorsIn(body)}");
        }
        // Being sent to sign in, or to "not allowed", is a refusal, not the action's success.
        var location = response.Headers.Location?.OriginalString ?? "";
        Assert.False(location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
                     || location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase),
            $"{because}: redirected to {location} instead of succeeding.");
    }

    /// <summary>The error summary of a page, for readable failure messages.</summary>
    public static string ErrorsIn(string html)
    {
        var start = html.IndexOf("error-summary", StringComparison.Ordinal);
        return start < 0 ? "(no error summary)" : System.Text.RegularExpressions.Regex.Replace(html.Substring(start, Math.Min(1500, html.Length - start)), "<[^>]+>", " ");
    }
}
