using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// The built Caf.Web executable serving HTTP as a real process on a free local port, with settings as environment
/// variables (as <see cref="CafProcess"/> runs a verb). Its output is kept for the test to read.
/// </summary>
internal sealed class CafServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }

    private CafServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts the application and waits until /health answers 200 (migrations and seeding done).</summary>
    public static async Task<CafServer> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan? startTimeout = null)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caf.Web.dll"));
        foreach (var variable in new[] { "CAF_LANGUAGE", "LC_ALL", "LC_MESSAGES" }) start.Environment.Remove(variable);
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["App__PublicBaseUrl"] = CafProcess.PublicBaseUrl;
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var server = new CafServer(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (startTimeout ?? TimeSpan.FromMinutes(2)))
        {
            if (process.HasExited) throw new InvalidOperationException($"Caf.Web exited with {process.ExitCode} on start:\n{server.Output}");
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy starting */ }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"Caf.Web did not answer /health within the start timeout:\n{server.Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
