using Caf.Web.Infrastructure;

namespace Caf.UnitTests;

/// <summary>
/// Only argument handling: each case here is refused before any host or database is built.
/// Console.Error is swapped, so these run apart from other tests.
/// </summary>
[Collection(nameof(ConsoleCollectionDefinition))]
public sealed class CliVerbsTests
{
    [Theory]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "seed", "--demo" }, true)]
    [InlineData(new[] { "ledger", "export", "--out", "x.xlsx" }, true)]
    [InlineData(new[] { "frobnicate" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://localhost:5000" }, false)]
    [InlineData(new[] { "-e", "Development" }, false)]
    public void A_first_argument_that_is_not_an_option_is_a_verb(string[] args, bool expected)
    {
        Assert.Equal(expected, CliVerbs.IsVerb(args));
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_with_the_usage()
    {
        var (exitCode, error) = await RunAsync("frobnicate");

        Assert.Equal(2, exitCode);
        Assert.Contains("'frobnicate' is not a verb CafGrants knows.", error);
        Assert.Contains("Usage: dotnet run --project src/Caf.Web", error);
    }

    [Fact]
    public async Task Seed_without_demo_is_refused_as_missing_an_option()
    {
        var (exitCode, error) = await RunAsync("seed");

        Assert.Equal(2, exitCode);
        Assert.Contains("'seed' is missing an option.", error);
        Assert.Contains("seed --demo", error);
    }

    [Fact]
    public async Task Ledger_export_without_out_is_refused_as_missing_an_option()
    {
        var (exitCode, error) = await RunAsync("ledger", "export");

        Assert.Equal(2, exitCode);
        Assert.Contains("'ledger export' is missing an option.", error);
    }

    [Fact]
    public async Task Ledger_export_with_out_but_no_file_name_is_refused()
    {
        var (exitCode, error) = await RunAsync("ledger", "export", "--out");

        Assert.Equal(2, exitCode);
        Assert.Contains("is missing an option.", error);
    }

    [Fact]
    public async Task Ledger_export_with_an_as_of_that_is_not_a_date_is_refused()
    {
        var (exitCode, error) = await RunAsync("ledger", "export", "--out", "ledger.xlsx", "--as-of", "31/12/2026");

        Assert.Equal(2, exitCode);
        Assert.Contains("--as-of takes a date as YYYY-MM-DD between 2000 and 2100, not '31/12/2026'.", error);
    }

    [Theory]
    [InlineData("CAF-26-1")]
    [InlineData("2026-001")]
    [InlineData("CAF-2026-001; DROP")]
    public async Task Ledger_export_with_a_grant_that_is_not_a_reference_is_refused(string reference)
    {
        var (exitCode, error) = await RunAsync("ledger", "export", "--out", "ledger.xlsx", "--grant", reference);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--grant takes a grant's reference such as CAF-2026-001, not '{reference}'.", error);
    }

    [Fact]
    public async Task Ledger_export_with_grant_but_no_reference_is_refused()
    {
        var (exitCode, error) = await RunAsync("ledger", "export", "--out", "ledger.xlsx", "--grant");

        Assert.Equal(2, exitCode);
        Assert.Contains("--grant takes a grant's reference such as CAF-2026-001, not ''.", error);
    }

    [Fact]
    public void The_usage_names_the_grant_and_as_of_options_of_ledger_export()
    {
        Assert.Contains("ledger export --out FILE.xlsx [--grant CAF-YYYY-NNN] [--as-of YYYY-MM-DD]", CliVerbs.Usage);
    }

    [Fact]
    public async Task Reconciliation_export_without_out_is_refused_as_missing_an_option()
    {
        var (exitCode, error) = await RunAsync("reconciliation", "export", "--as-of", "2026-12-31");

        Assert.Equal(2, exitCode);
        Assert.Contains("'reconciliation export --as-of 2026-12-31' is missing an option.", error);
    }

    [Fact]
    public async Task Reconciliation_export_with_an_as_of_that_is_not_a_date_is_refused()
    {
        var (exitCode, error) = await RunAsync("reconciliation", "export", "--out", "reconciliation.xlsx", "--as-of", "2026-13-01");

        Assert.Equal(2, exitCode);
        Assert.Contains("--as-of takes a date as YYYY-MM-DD between 2000 and 2100, not '2026-13-01'.", error);
    }

    [Fact]
    public void The_usage_names_reconciliation_export_and_its_options()
    {
        Assert.Contains("reconciliation export --out FILE.xlsx [--as-of YYYY-MM-DD]", CliVerbs.Usage);
    }

    [Fact]
    public async Task An_unknown_verb_is_refused_in_french_with_the_french_usage()
    {
        var (exitCode, error) = await RunAsync("frobnicate", "--language", "fr");

        Assert.Equal(2, exitCode);
        AssertSpoken(error, "«\u00A0frobnicate\u00A0» n'est pas un verbe que CafGrants connaît.");
        Assert.Contains("Utilisation\u00A0: dotnet run --project src/Caf.Web -- <verbe> [options]", error);
        Assert.Contains("ledger export --out FICHIER.xlsx [--grant CAF-AAAA-NNN] [--as-of AAAA-MM-JJ]", error);
    }

    [Fact]
    public async Task A_date_that_is_not_one_is_refused_in_spanish()
    {
        var (exitCode, error) = await RunAsync("ledger", "export", "--out", "ledger.xlsx", "--as-of", "31/12/2026", "--language", "es");

        Assert.Equal(2, exitCode);
        AssertSpoken(error, "--as-of admite una fecha con el formato AAAA-MM-DD entre 2000 y 2100, no «31/12/2026».");
    }

    [Fact]
    public async Task A_missing_option_names_what_was_typed_without_the_language()
    {
        var (exitCode, error) = await RunAsync("reconciliation", "--language", "es", "export");

        Assert.Equal(2, exitCode);
        AssertSpoken(error, "A «reconciliation export» le falta una opción.");
        Assert.Contains("Uso: dotnet run --project src/Caf.Web -- <verbo> [opciones]", error);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("français")]
    public async Task A_language_we_do_not_speak_is_refused_in_english(string language)
    {
        var (exitCode, error) = await RunAsync("migrate", "--language", language);

        Assert.Equal(2, exitCode);
        Assert.Equal($"--language takes en, fr or es, not '{language}'.{Environment.NewLine}", error);
    }

    /// <summary>The sentence is there, and no resource key or unfilled placeholder is.</summary>
    internal static void AssertSpoken(string output, string sentence)
    {
        Assert.Contains(sentence, output);
        Assert.DoesNotMatch(@"\bCli\.[A-Z]", output);
        Assert.DoesNotMatch(@"\{\d+(:[^}]*)?\}", output);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] args)
    {
        var previous = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (await CliVerbs.RunAsync(args), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }
}

[CollectionDefinition(nameof(ConsoleCollectionDefinition), DisableParallelization = true)]
public sealed class ConsoleCollectionDefinition;
