using System.Net;
using Caf.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caf.IntegrationTests;

/// <summary>
/// The interface speaks the person's language (issue 15): before signing in, the browser's or the one picked with the
/// switch; signed in, their own choice, the same as their emails'; &lt;html lang&gt; says which; no page shows a key.
/// </summary>
[Collection(SqliteCollectionDefinition.Name)]
public sealed class InterfaceLanguageTests(SqliteAppFactory factory)
{
    private readonly GrantJourney _journey = new(factory);

    /// <summary>Every key of the interface's text, as the application holds it.</summary>
    private static IReadOnlyList<string> Keys { get; } = [.. new System.Resources.ResourceManager("Caf.Web.Resources.SharedResource", typeof(Caf.Web.SharedResource).Assembly)
        .GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
        .Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key)];

    private static void NoKeyShown(string html) => Assert.DoesNotContain(Keys, key => html.Contains($">{key}<", StringComparison.Ordinal));

    [Fact]
    public async Task Before_signing_in_the_page_is_in_the_browsers_language_or_the_one_picked_and_says_so()
    {
        await factory.ResetAsync();
        using var visitor = factory.NewSession();
        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CH,fr;q=0.9,en;q=0.5");
        var (_, french) = await visitor.GetAsync("/Account/Login");
        Assert.Contains("<html lang=\"fr\">", french);
        Assert.Contains(">Se connecter<", french);
        Assert.Contains("Mot de passe oublié", WebUtility.HtmlDecode(french));
        NoKeyShown(french);

        // The switch remembers Spanish over the browser's French, and goes back to the page it was picked on.
        var picked = await visitor.PostFormAsync("/Account/Language", new() { ["code"] = "es", ["returnUrl"] = "/Account/Login" });
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        Assert.Equal("/Account/Login", picked.Headers.Location?.OriginalString);
        var (_, spanish) = await visitor.GetAsync("/Account/Login");
        Assert.Contains("<html lang=\"es\">", spanish);
        Assert.Contains(">Entrar<", spanish);
        NoKeyShown(spanish);

        // A language CafGrants does not speak, or a return address elsewhere, is refused or ignored.
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostFormAsync("/Account/Language", new() { ["code"] = "de", ["returnUrl"] = "/" })).StatusCode);
        var away = await visitor.PostFormAsync("/Account/Language", new() { ["code"] = "en", ["returnUrl"] = "https://elsewhere.example/" });
        Assert.Equal("/", away.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_person_reads_the_interface_in_the_language_they_chose_for_their_emails()
    {
        await factory.ResetAsync();
        using var applicant = await _journey.SignInAsync(GrantJourney.Applicant);
        var (_, english) = await applicant.GetAsync("/Dashboard");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">Dashboard<", english);

        var saved = await applicant.PostFormAsync("/Account/Preferences", new() { ["Language"] = "fr", ["EmailsShown"] = "true", ["Receive"] = "ReportReminders" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, french) = await applicant.GetAsync("/Account/Preferences");
        var text = WebUtility.HtmlDecode(french);
        Assert.Contains("<html lang=\"fr\">", french);
        Assert.Contains(">Tableau de bord<", text);
        Assert.Contains(">Se déconnecter<", text);
        // The confirmation is said in the language chosen, not half in English.
        Assert.Contains("Enregistré\u00a0: CafGrants vous parle et vous écrit désormais en français", text);
        NoKeyShown(french);
        var dashboard = WebUtility.HtmlDecode((await applicant.GetAsync("/Dashboard")).Html);
        Assert.Contains(">Les demandes de votre État<", dashboard);
        Assert.Contains("Aucune pour l'instant.", dashboard);
        NoKeyShown(dashboard);
        var list = WebUtility.HtmlDecode((await applicant.GetAsync("/")).Html);
        Assert.Contains("<h1>Demandes</h1>", list);
        Assert.Contains(">Référence ou titre<", list);
        NoKeyShown(list);
        Assert.Equal("fr", await factory.WithDbAsync(db => db.Users.Where(u => u.Email == GrantJourney.Applicant).Select(u => u.Language).SingleAsync()));
        // Another person's language is their own.
        using var isu = await _journey.SignInAsync(GrantJourney.Isu);
        Assert.Contains("<html lang=\"en\">", (await isu.GetAsync("/Dashboard")).Html);
    }

    [Fact]
    public async Task A_refusal_of_the_domain_names_a_stage_by_its_label_in_the_readers_language_not_by_its_id()
    {
        await factory.ResetAsync(); // the application, and with it the workflow's labels, are loaded
        var (ui, culture) = (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture);
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr");
            Assert.Equal("Cette demande est à l'étape « Examen de l'éligibilité » et ne peut plus être modifiée.",
                Caf.Data.DomainText.Get("Proposal.NotEditable", new Caf.Data.StageName(Caf.Data.GrantStages.EligibilityScreening)));
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
