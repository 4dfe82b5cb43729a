using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caf.IntegrationTests;

/// <summary>
/// The start of the grant journey in a real browser, each person in their own language (issue 15, journeys 1 and 2): a
/// proposal completed in French with the keyboard alone, saved, taken up again and submitted; an application screened in
/// Spanish after one clarification answered in French. Every page is checked by axe-core and kept as a screenshot, and
/// the application page is shown with no English left on it.
/// </summary>
[Collection(BrowserCollectionDefinition.Name)]
public sealed class LanguageJourneyBrowserTests(BrowserAppFactory factory)
{
    [Fact]
    public async Task An_applicant_completes_a_proposal_in_French_with_the_keyboard_alone_saves_it_comes_back_and_submits_it()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        await SpeaksAsync(GrantJourney.Applicant, "fr");
        var journey = new CheckedJourney("1-proposal-fr");

        var page = await factory.SignInAsync(GrantJourney.Applicant, locale: "fr-FR");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await journey.SeeAsync(page, "la liste des demandes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Commencer une nouvelle demande" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle demande" })).ToBeVisibleAsync();
        await journey.SeeAsync(page, "nouvelle demande");

        // Half the proposal, then "Enregistrer le brouillon": the draft keeps what was typed.
        var keys = new Keyboard(page);
        await keys.TypeAsync("#Form_Title", "Enquête non technique : une équipe cambodgienne en Colombie");
        await keys.ChooseAsync("#partner-0", "Colombie");
        await keys.TypeAsync("#Form_Budget_0__Description", "Vols aller-retour");
        await keys.TypeAsync("#Form_Budget_0__Quantity", "3");
        await keys.TypeAsync("#Form_Budget_0__UnitCost", "2000,50");
        await keys.PressAsync(".buttons button:not(.primary)", "Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Brouillon enregistré.");
        // Typed with a decimal comma, read as French writes it; shown back the French way.
        await Expect(page.Locator("#budget-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^6\s001,50$"));
        await journey.SeeAsync(page, "brouillon enregistré");

        // Sending it now lists everything still missing, at once and in French, and keeps the draft.
        await new Keyboard(page).PressAsync(".buttons button.primary", "Enter");
        var missing = page.GetByRole(AriaRole.Alert).First;
        await Expect(missing).ToContainTextAsync("Joignez la lettre d'approbation de l'autorité nationale.");
        await Expect(missing).ToContainTextAsync("Énoncez les objectifs de l'échange.");
        Assert.Empty(EnglishText.FoundIn(await missing.InnerTextAsync(), "fr"));
        await journey.SeeAsync(page, "ce qu'il reste à compléter");

        // Back later from the list; everything else typed, then "Enregistrer et envoyer".
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Enquête non technique : une équipe cambodgienne en Colombie" }).ClickAsync();
        await journey.SeeAsync(page, "la demande en brouillon");
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier le brouillon" }).ClickAsync();
        await Expect(page.GetByLabel("Titre")).ToHaveValueAsync("Enquête non technique : une équipe cambodgienne en Colombie");
        await journey.SeeAsync(page, "reprise du brouillon");
        keys = new Keyboard(page);
        await keys.TypeAsync("#Form_Summary", "Quatre agents d'enquête apprennent l'enquête non technique auprès des équipes colombiennes.");
        await keys.PressAsync("input[name='Form.Themes'][value='ClearanceAndLandRelease']", " ");
        await keys.DateAsync("#Form_ActivityStart", new DateOnly(2027, 3, 1));
        await keys.DateAsync("#Form_ActivityEnd", new DateOnly(2027, 3, 8));
        await keys.TypeAsync("#Form_Objectives", "Adopter une enquête non technique fondée sur des données probantes.");
        await keys.TypeAsync("#Form_Results_0__Result", "Les équipes appliquent la procédure de l'hôte.");
        await keys.TypeAsync("#Form_Results_0__Indicator", "Agents formés, par sexe et par âge");
        await keys.PressAsync("input[name='Form.Results[0].BySex']", " ");
        await keys.TypeAsync("#Form_Activities_0__Description", "Visite de terrain auprès des équipes d'enquête");
        await keys.DateAsync("#Form_Activities_0__Start", new DateOnly(2027, 3, 2));
        await keys.DateAsync("#Form_Activities_0__End", new DateOnly(2027, 3, 6));
        await keys.TypeAsync("#Form_Activities_0__Place", "Bogotá");
        await keys.TypeAsync("#Form_Delegation_0__Name", "Chanthy Sok");
        await keys.TypeAsync("#Form_Delegation_0__Function", "Directrice adjointe");
        await keys.TypeAsync("#Form_Delegation_0__Organisation", "CMAA");
        await keys.ChooseAsync("select[name='Form.Delegation[0].Sex']", "Femme");
        await keys.TypeAsync("#Form_GenderAnalysis", "Deux femmes et deux hommes ; des associations de femmes sont rencontrées.");
        await keys.TypeAsync("#Form_DoNoHarm", "Le code de protection de l'hôte s'applique.");
        await keys.TypeAsync("#Form_FollowUpPlan", "Équipes nationales formées dans les trois mois.");
        // Choosing a file opens the system's own dialog, which is not the page's to make keyboard-friendly.
        await page.Locator("#EndorsementLetter").SetInputFilesAsync(new FilePayload
        {
            Name = "lettre-approbation.pdf", MimeType = "application/pdf", Buffer = GrantJourney.EndorsementLetterPdf,
        });
        await keys.PressAsync(".buttons button.primary", "Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Demande envoyée. Votre référence est CAF-");
        await Expect(page.Locator("#stage")).ToHaveTextAsync("Reçue");
        await journey.SeeAsync(page, "demande envoyée");

        // The application page as the applicant reads it: French throughout, but for names.
        // The round's title is the name the ISU gave the call, as the applicant applied to it.
        var round = await factory.WithDbAsync(db => db.Rounds.Select(r => r.Title).FirstAsync());
        var text = (await page.Locator("main").InnerTextAsync()).Replace(round, "", StringComparison.Ordinal);
        var english = EnglishText.FoundIn(text, "fr");
        Assert.True(english.Count == 0, $"The French application page shows English: {string.Join(", ", english)}\n{text}");
        journey.AssertNoViolations();
    }

    [Fact]
    public async Task The_ISU_screens_an_application_in_Spanish_after_one_clarification_answered_in_French()
    {
        await factory.StartBrowserAsync();
        factory.RequireBrowser();
        await factory.ResetAsync();
        await SpeaksAsync(GrantJourney.Applicant, "fr");
        await SpeaksAsync(GrantJourney.Isu, "es");
        var scenario = new GrantScenario(factory);
        var id = await scenario.CompleteDraftAsync(Caf.Data.FundTime.Today(factory.Clock).AddDays(60), title: "Intercambio sobre el estudio no técnico");
        await WrittenInSpanishAsync(id);
        await scenario.FireAsync(id, Caf.Data.GrantTriggers.Submit, GrantJourney.Applicant);
        var journey = new CheckedJourney("2-screening-es");
        var details = $"/Applications/Details/{id}";

        // The pages are driven by their fields and actions, not their words: the words are the language's.
        var isu = await factory.SignInAsync(GrantJourney.Isu, locale: "es-ES");
        await Expect(isu.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await journey.SeeAsync(isu, "la lista de solicitudes");
        await isu.GotoAsync(details);
        await journey.SeeAsync(isu, "la solicitud presentada");
        await FireAsync(isu, Caf.Data.GrantTriggers.StartScreening);
        await Expect(isu.Locator("#stage")).ToHaveAttributeAsync("data-stage", Caf.Data.GrantStages.EligibilityScreening);
        await journey.SeeAsync(isu, "examen iniciado");

        await isu.Locator($"a[href$='?choice={Caf.Data.GrantTriggers.RequestClarification}']").ClickAsync();
        await Expect(isu.GetByRole(AriaRole.Heading, new() { Name = "Examen de admisibilidad", Exact = true })).ToBeVisibleAsync();
        await journey.SeeAsync(isu, "el examen de admisibilidad");
        await ScreenAsync(isu, "Clarification", "Una pregunta antes de decidir.", "¿Quién de la delegación trabaja en la asistencia a las víctimas?");
        await Expect(isu.GetByRole(AriaRole.Status)).ToHaveTextAsync("Preguntas enviadas al solicitante.");
        await Expect(isu.Locator("#stage")).ToHaveAttributeAsync("data-stage", Caf.Data.GrantStages.ClarificationRequested);
        await journey.SeeAsync(isu, "preguntas enviadas");

        var applicant = await factory.SignInAsync(GrantJourney.Applicant, locale: "fr-FR");
        await applicant.GotoAsync(details);
        await Expect(applicant.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await journey.SeeAsync(applicant, "la demande attend une réponse");
        await applicant.Locator($"a[href^='/Applications/Respond/{id}']").First.ClickAsync();
        await Expect(applicant.Locator("#questions")).ToHaveTextAsync("¿Quién de la delegación trabaja en la asistencia a las víctimas?");
        await journey.SeeAsync(applicant, "répondre aux questions");
        await applicant.GetByLabel("Votre réponse").FillAsync("Chanthy Sok dirige notre service d'assistance aux victimes.");
        await applicant.Locator("form button.primary").ClickAsync();
        await Expect(applicant.GetByRole(AriaRole.Status)).ToHaveTextAsync("Réponse envoyée. La demande est de retour auprès de l'ISU pour examen.");
        await Expect(applicant.Locator("#stage")).ToHaveAttributeAsync("data-stage", Caf.Data.GrantStages.EligibilityScreening);
        await journey.SeeAsync(applicant, "réponse envoyée");

        await isu.GotoAsync(details);
        await journey.SeeAsync(isu, "la respuesta recibida");
        await isu.Locator($"a[href$='?choice={Caf.Data.GrantTriggers.DeclareEligible}']").ClickAsync();
        await journey.SeeAsync(isu, "el examen, de nuevo");
        await ScreenAsync(isu, "Eligible", "Admisible: un intercambio claro entre Estados partes.", null);
        await Expect(isu.GetByRole(AriaRole.Status)).ToHaveTextAsync("Declarada admisible; se informa al solicitante por correo electrónico.");
        await Expect(isu.Locator("#stage")).ToHaveAttributeAsync("data-stage", Caf.Data.GrantStages.GenderReview);
        await journey.SeeAsync(isu, "declarada admisible");

        // The application page as the ISU reads it in Spanish: no English, but for names.
        var round = await factory.WithDbAsync(db => db.Rounds.Select(r => r.Title).FirstAsync());
        var text = (await isu.Locator("main").InnerTextAsync()).Replace(round, "", StringComparison.Ordinal);
        var english = EnglishText.FoundIn(text, "es");
        Assert.True(english.Count == 0, $"The Spanish application page shows English: {string.Join(", ", english)}\n{text}");
        journey.AssertNoViolations();
    }

    /// <summary>Fires the workflow action <paramref name="trigger"/> from the application page's own button.</summary>
    private static async Task FireAsync(IPage page, string trigger) =>
        await page.Locator($"form:has(input[name=trigger][value='{trigger}']) button[type=submit]").ClickAsync();

    /// <summary>The ISU's screening form: every item met, the decision, its rationale and any questions.</summary>
    private static async Task ScreenAsync(IPage page, string decision, string rationale, string? questions)
    {
        var items = await page.Locator("fieldset.checklist-item").CountAsync();
        for (var i = 0; i < items; i++) await page.Locator($"#met-{i}-yes").CheckAsync();
        await page.Locator($"#decision-{decision}").CheckAsync();
        await page.Locator("#Input_Rationale").FillAsync(rationale);
        if (questions is not null) await page.Locator("#Input_Questions").FillAsync(questions);
        await page.Locator("form button.primary").Last.ClickAsync();
    }

    /// <summary>The draft's words as a Spanish-speaking applicant would write them, so the page has no English of its own.</summary>
    private Task<int> WrittenInSpanishAsync(Guid id) => factory.WithDbAsync(async db =>
    {
        var a = await Caf.Data.ApplicationQueries.WithGraph(db.Applications).SingleAsync(x => x.Id == id);
        var partner = a.Partners.Single().StatePartyId;
        a.UpdateDraft(a.Title, "Una delegación camboyana aprende los métodos de estudio de su socio.", a.ActivityStart, a.ActivityEnd);
        a.DescribeProposal(a.ThematicAreas, "Adoptar los métodos de estudio basados en pruebas del socio.",
            "Las mujeres son un tercio del personal; la delegación se reúne con grupos de mujeres.",
            "Las entrevistas siguen el código de salvaguardia del anfitrión.",
            "La delegación forma a los equipos nacionales en tres meses.");
        a.SetNationalContribution(1_500m, "Tiempo del personal y transporte en el país");
        a.ReplaceResults([("Los equipos aplican el procedimiento del socio", "Personal formado, por sexo y edad", "12", true, true)]);
        a.ReplaceActivities([("Visita a los equipos de estudio del socio", a.ActivityStart, a.ActivityEnd, "Sitios provinciales", partner)]);
        a.ReplaceBudget([(Caf.Data.Entities.BudgetCategory.Travel, "Vuelos", 2m, a.BudgetLines.Single().UnitCost)]);
        a.ReplaceParticipants([("Chanthy Sok", "Directora adjunta", "CMAA", Caf.Data.Entities.Sex.Female)]);
        return await db.SaveChangesAsync();
    });

    /// <summary>Sets the language <paramref name="email"/> chose, as on the preferences page.</summary>
    private Task<int> SpeaksAsync(string email, string language) => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.Language = language;
        return await db.SaveChangesAsync();
    });

    /// <summary>
    /// The keyboard alone, as a person who cannot use a mouse works a form: Tab forward to a field (never a click), then
    /// type, press Space on a box, or arrow through a list. A field that Tab never reaches fails the test.
    /// </summary>
    private sealed class Keyboard(IPage page)
    {
        public async Task TabToAsync(string selector)
        {
            for (var presses = 0; presses < 400; presses++)
            {
                if (await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector)) return;
                await page.Keyboard.PressAsync("Tab");
            }
            Assert.Fail($"Tab never reached {selector} on {page.Url}.");
        }

        public async Task TypeAsync(string selector, string text)
        {
            await TabToAsync(selector);
            await page.Keyboard.InsertTextAsync(text);
        }

        public async Task PressAsync(string selector, string key)
        {
            await TabToAsync(selector);
            await page.Keyboard.PressAsync(key);
        }

        /// <summary>Arrows through a list until <paramref name="option"/> is chosen.</summary>
        public async Task ChooseAsync(string selector, string option)
        {
            await TabToAsync(selector);
            // Down the list, and up it once the end is reached without finding it.
            var key = "ArrowDown";
            for (var presses = 0; presses < 300; presses++)
            {
                var chosen = await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0]?.text.trim() ?? ''");
                if (chosen == option) return;
                await page.Keyboard.PressAsync(key);
                if (await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0]?.text.trim() ?? ''") == chosen) key = "ArrowUp";
            }
            Assert.Fail($"{option} is not in the list {selector}.");
        }

        /// <summary>
        /// Types a date into a date field, part by part, as the browser orders them: day first as French writes dates; if the
        /// browser's field reads month first (its own language decides, not the page's), back to the first part with the
        /// arrow keys and again in that order.
        /// </summary>
        public async Task DateAsync(string selector, DateOnly date)
        {
            await TabToAsync(selector);
            var iso = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await page.Keyboard.TypeAsync(date.ToString("ddMMyyyy", System.Globalization.CultureInfo.InvariantCulture));
            if (await page.EvaluateAsync<string>("() => document.activeElement.value") != iso)
            {
                await page.Keyboard.PressAsync("ArrowLeft");
                await page.Keyboard.PressAsync("ArrowLeft");
                await page.Keyboard.TypeAsync(date.ToString("MMddyyyy", System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.Equal(iso, await page.EvaluateAsync<string>("() => document.activeElement.value"));
        }
    }
}
