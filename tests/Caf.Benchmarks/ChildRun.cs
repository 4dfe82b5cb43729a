using System.Diagnostics;
using System.Globalization;

namespace Caf.Benchmarks;

/// <summary>One run of the CafGrants command line as its own process: wall time, peak resident memory, what it printed.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Elapsed, long PeakBytes, string Output)
{
    public static async Task<ChildRun> RunAsync(string appPath, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(appPath)! };
        start.ArgumentList.Add(appPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // The kernel's high-water mark of the process's resident set, read until it exits (every 20 ms).
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(20));
        }
        await process.WaitForExitAsync();
        clock.Stop();
        var output = (await stdout + await stderr).Trim();
        if (process.ExitCode != 0) throw new InvalidOperationException($"caf {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
        return new(process.ExitCode, clock.Elapsed, peak, output);
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // it has just exited
        }
    }
}
