using System.Globalization;
using Caf.Data;
using Caf.Web.Infrastructure;

namespace Caf.UnitTests;

/// <summary>Which language the command line speaks (ADR 0034), and how it writes amounts in it.</summary>
public sealed class CliTextTests
{
    [Theory]
    [InlineData("", "en")]
    [InlineData("LANG=fr_CH.UTF-8", "fr")]
    [InlineData("LANG=es_ES.UTF-8", "es")]
    [InlineData("LANG=de_DE.UTF-8", "en")]
    [InlineData("LANG=C.UTF-8", "en")]
    [InlineData("LC_MESSAGES=es_MX.UTF-8 LANG=fr_FR.UTF-8", "es")]
    [InlineData("LC_ALL=C LANG=fr_FR.UTF-8", "en")]
    [InlineData("LC_ALL=fr_BE@euro", "fr")]
    [InlineData("CAF_LANGUAGE=es LC_ALL=fr_FR.UTF-8", "es")]
    [InlineData("CAF_LANGUAGE=FR", "fr")]
    [InlineData("CAF_LANGUAGE=klingon LANG=fr_FR.UTF-8", "en")]
    public void Without_the_option_the_first_variable_set_decides_and_one_naming_another_language_means_english(string environment, string expected)
    {
        var variables = environment.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=')).ToDictionary(v => v[0], v => v[1]);

        var (language, arguments, unknown) = CliText.Choose(["migrate"], variables.GetValueOrDefault);

        Assert.Equal((expected, "migrate", (string?)null), (language, string.Join(' ', arguments), unknown));
    }

    [Theory]
    [InlineData("migrate --language fr", "fr", "migrate")]
    [InlineData("--language es workflows validate a.json", "es", "workflows validate a.json")]
    [InlineData("workflows validate --language fr_CH a.json", "fr", "workflows validate a.json")]
    [InlineData("migrate --language EN", "en", "migrate")]
    public void The_option_wins_over_the_environment_wherever_it_stands_and_leaves_the_verb_as_typed(string args, string expected, string rest)
    {
        var (language, arguments, unknown) = CliText.Choose(args.Split(' '), _ => "es_ES.UTF-8");

        Assert.Equal((expected, rest, (string?)null), (language, string.Join(' ', arguments), unknown));
    }

    [Theory]
    [InlineData("migrate --language de", "de")]
    [InlineData("migrate --language", "")]
    public void An_option_naming_no_language_we_speak_is_unknown(string args, string expected)
    {
        var (language, arguments, unknown) = CliText.Choose(args.Split(' '), _ => "fr_FR.UTF-8");

        Assert.Equal(("en", "migrate", expected), (language, string.Join(' ', arguments), unknown));
    }

    [Theory]
    [InlineData(new[] { "--language", "fr", "migrate" }, true)]
    [InlineData(new[] { "--language", "fr" }, false)]
    [InlineData(new[] { "--language", "fr", "--urls", "http://localhost:5000" }, false)]
    public void The_language_option_may_come_before_the_verb(string[] args, bool expected)
    {
        Assert.Equal(expected, CliVerbs.IsVerb(args));
    }

    [Fact]
    public async Task Amounts_are_written_as_the_language_writes_them_and_english_keeps_the_form_the_command_line_always_printed()
    {
        Money[] amounts = [new(1234.5m, "CHF"), new(1200m, "JPY")];
        var french = CultureInfo.GetCultureInfo("fr");

        Assert.Equal("CHF 1,234.50; JPY 1,200.00", await SpokenAsync("en", () => CliText.Amounts(amounts)));
        Assert.Equal($"CHF {1234.5m.ToString("N2", french)}\u00A0; JPY {1200m.ToString("N0", french)}", await SpokenAsync("fr", () => CliText.Amounts(amounts)));
        Assert.Equal("CHF 1.234,50; JPY 1.200", await SpokenAsync("es", () => CliText.Amounts(amounts)));
    }

    // The language is chosen for the rest of an asynchronous flow: here, only this method's.
    private static async Task<string> SpokenAsync(string language, Func<string> say)
    {
        await Task.Yield();
        CliText.Speak(language);
        return say();
    }
}
