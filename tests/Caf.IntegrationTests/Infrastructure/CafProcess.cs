using System.Diagnostics;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>Runs the built Caf.Web executable as a real process against a SQLite file, with extra settings as environment variables.</summary>
internal static class CafProcess
{
    /// <summary>The public address the process is given (a setting required outside Development).</summary>
    public const string PublicBaseUrl = "https://grants.test.example";

    public static async Task<(int ExitCode, string Output)> RunAsync(string database, IReadOnlyDictionary<string, string>? settings,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caf.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Caf"] = $"Data Source={database}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["App__PublicBaseUrl"] = PublicBaseUrl;
        // English, whatever the locale of the machine running the tests; a test gives another language by these variables.
        foreach (var variable in new[] { "CAF_LANGUAGE", "LC_ALL", "LC_MESSAGES" }) start.Environment.Remove(variable);
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"caf {string.Join(' ', args)} did not finish within 2 minutes.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
