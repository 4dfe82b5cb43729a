using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Caf.Data;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// The built Caf.Web serving HTTP as a real process (one node) on a free local port, over a given database, with Quartz
/// running its jobs: for tests that kill it hard (SIGKILL), restart it, or run two of them on one database.
/// </summary>
internal sealed class CafServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CafServerProcess(Process process, Uri address)
    {
        _process = process;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    /// <summary>The application's own process id (the dotnet host runs the app in its own process, no wrapper).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Starts a node over <paramref name="connectionString"/> and waits until /health answers. Mail goes to the SMTP server
    /// of eng/test.sh, or to <paramref name="pickupFolder"/> without one; timers are checked every second.
    /// </summary>
    public static async Task<CafServerProcess> StartAsync(DatabaseProvider provider, string connectionString, string pickupFolder,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Caf.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        // Testing: plain HTTP on a local port (no HTTPS redirect, cookies over HTTP) and development keys, as the in-process tests.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Caf"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "true";
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Workflows__TimerScheduler"] = "true";
        start.Environment["Workflows__TimerIntervalSeconds"] = "1";
        start.Environment["Security__SignInAttemptsPerMinute"] = "100000";
        start.Environment["App__PublicBaseUrl"] = address.ToString();
        if (Environment.GetEnvironmentVariable("CAF_TEST_SMTP_HOST") is { Length: > 0 } smtpHost)
        {
            start.Environment["Email__SmtpHost"] = smtpHost;
            start.Environment["Email__SmtpPort"] = Environment.GetEnvironmentVariable("CAF_TEST_SMTP_PORT");
            start.Environment["Email__Security"] = "None";
        }
        else
        {
            start.Environment["Email__PickupFolder"] = pickupFolder;
        }
        foreach (var variable in new[] { "CAF_LANGUAGE", "LC_ALL", "LC_MESSAGES" }) start.Environment.Remove(variable);
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var node = new CafServerProcess(process, address);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilHealthyAsync();
        return node;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Caf.Web exited with {_process.ExitCode} while starting:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Caf.Web did not answer /health within 2 minutes:\n{Output}");
    }

    /// <summary>A browser-like session on this node: its own cookies, no automatic redirects.</summary>
    public CafSession NewSession(CookieContainer? cookies = null) => new(Client(cookies ?? new CookieContainer()));

    /// <summary>A client on this node sharing <paramref name="cookies"/> (one browser talking to several nodes behind a balancer).</summary>
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillHardAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
