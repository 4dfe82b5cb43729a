using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Caf.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temporary folder, on a free port), for scenarios that stop and start
/// the database: the shared server of CAF_TEST_POSTGRES is never touched. As root, the server runs as the postgres user,
/// as eng/test.sh does. Skips (fails in CI) when the PostgreSQL binaries are not installed.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private bool _running;

    public int Port { get; }

    /// <summary>The connection string of the database <c>caf</c> on this server.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=caf;Include Error Detail=true";

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version())
                .LastOrDefault()
            : null;
        if (bin is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail("The PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are required in CI.");
            Assert.Skip("The PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed here (eng/test.sh installs them).");
        }
        var root = Directory.CreateTempSubdirectory("caf-pg-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", root], asPostgres: false);
        var server = new PrivatePostgres(bin!, root, FreePort());
        await server.AsPostgresAsync("initdb", "-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartAgainAsync();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE caf", admin);
            await create.ExecuteNonQueryAsync();
        }
        return server;
    }

    private string Data => Path.Combine(_root, "data");

    /// <summary>Starts the server (again) and waits until it takes connections.</summary>
    public async Task StartAgainAsync()
    {
        await AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c max_connections=200", "start");
        _running = true;
    }

    /// <summary>Stops the server as an operator would for maintenance: open sessions are ended, new ones refused.</summary>
    public async Task StopAsync()
    {
        await AsPostgresAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "stop");
        _running = false;
    }

    private Task AsPostgresAsync(string program, params string[] args) =>
        RunAsync(Path.Combine(_bin, program), args, asPostgres: Environment.UserName == "root", workingDirectory: _root);

    private static async Task RunAsync(string program, string[] args, bool asPostgres, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user must be able to read its working folder.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (asPostgres) foreach (var a in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            try { await StopAsync(); }
            catch (InvalidOperationException) { /* already gone: the folder goes anyway */ }
        }
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a file still held: the temporary folder is the system's to clean */ }
    }
}
