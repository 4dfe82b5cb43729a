using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Caf.Data;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// The built Caf.Web executable serving HTTP as a real process on a free local port, with settings as environment
/// variables (as <see cref="CafProcess"/> runs a verb). Its output is kept for the test to read. A test can kill it hard
/// (SIGKILL), restart it, or run two of them on one database (<see cref="StartNodeAsync"/>).
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

    /// <summary>The application's own process id (the dotnet host runs the app in its own process, no wrapper).</summary>
    public int ProcessId => _process.Id;

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

    /// <summary>
    /// Starts a node over <paramref name="connectionString"/> with Quartz checking timers every second, in the Testing
    /// environment (plain HTTP, development keys), and waits until /health answers. Mail goes to the SMTP server of
    /// eng/test.sh, or to <paramref name="pickupFolder"/> without one.
    /// </summary>
    public static Task<CafServer> StartNodeAsync(DatabaseProvider provider, string connectionString, string pickupFolder,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var node = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Caf"] = connectionString,
            ["Database__MigrateOnStartup"] = "true",
            ["Seed__Demo"] = "false",
            ["Workflows__TimerScheduler"] = "true",
            ["Workflows__TimerIntervalSeconds"] = "1",
            ["Security__SignInAttemptsPerMinute"] = "100000",
        };
        if (Environment.GetEnvironmentVariable("CAF_TEST_SMTP_HOST") is { Length: > 0 } smtpHost)
        {
            node["Email__SmtpHost"] = smtpHost;
            node["Email__SmtpPort"] = Environment.GetEnvironmentVariable("CAF_TEST_SMTP_PORT") ?? "25";
            node["Email__Security"] = "None";
        }
        else node["Email__PickupFolder"] = pickupFolder;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) node[key] = value;
        return StartAsync(node);
    }

    /// <summary>A browser-like session on this server: its own cookies, no automatic redirects.</summary>
    public CafSession NewSession(CookieContainer? cookies = null) => new(Client(cookies ?? new CookieContainer()));

    /// <summary>A client on this server sharing <paramref name="cookies"/> (one browser talking to several nodes behind a balancer).</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(100),
        };

    /// <summary>Kills the process at once (SIGKILL on Linux): no shutdown, no flushing, whatever it was doing.</summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
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
