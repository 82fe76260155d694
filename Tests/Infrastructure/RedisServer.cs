using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace OrleansChat.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port, with no persistence.
/// Use <see cref="Shared"/> for the instance all tests share (isolate by key prefix or ServiceId),
/// or <see cref="StartAsync"/> for a private one a test may stop and restart.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RedisServer>> SharedInstance = new(StartSharedAsync);

    // $1: the pid to outlive no longer than; $2…: redis-server and its arguments. Ends (and stops the
    // server) when either the owner or the server is gone; a kill of the whole tree stops both at once.
    private const string Watchdog = """
        owner=$1; shift
        # The server dies with this watchdog, however the watchdog ends (setpriv is util-linux, always on Debian).
        if command -v setpriv >/dev/null; then setpriv --pdeathsig KILL "$@" & else "$@" & fi
        server=$!
        trap 'kill -9 $server 2>/dev/null' EXIT
        # Alive and not a zombie: where nothing reaps exited processes, kill -0 succeeds on a zombie owner.
        alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]; }
        while alive "$owner" && alive "$server"; do sleep 1; done
        """;
    private readonly string _executable;
    private readonly string? _dataDirectory;
    private Process? _process;

    private RedisServer(string executable, int port, string? dataDirectory)
    {
        _executable = executable;
        Port = port;
        _dataDirectory = dataDirectory;
    }

    /// <summary>The loopback port the server listens on (kept across <see cref="RestartAsync"/>).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    /// <summary>True while the child process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The server every test shares; started on first use and stopped when the test process exits.</summary>
    public static Task<RedisServer> Shared => SharedInstance.Value;

    /// <summary>
    /// Starts a private server on a free port. A <paramref name="persistent"/> one writes an append-only
    /// file fsynced on every write, so what it acknowledged survives <see cref="StopAsync"/> and
    /// <see cref="RestartAsync"/>, as a production Redis with persistence does.
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var dataDirectory = persistent ? Directory.CreateTempSubdirectory("orleanschat-redis-").FullName : null;
        var server = new RedisServer(FindExecutable(), FreePort(), dataDirectory);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Opens a new multiplexer to this server (the caller disposes it).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>Kills the server abruptly (SIGKILL), as a crash or network loss would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port (empty: it keeps no data).</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task<RedisServer> StartSharedAsync()
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server._process?.Kill(entireProcessTree: true);
        return server;
    }

    private async Task StartProcessAsync()
    {
        if (IsRunning)
        {
            return;
        }

        // redis-server runs under a tiny bash watchdog that stops it when this test process goes away:
        // the test host is often ended without running exit handlers, and an orphaned server would outlive it.
        var startInfo = new ProcessStartInfo("bash")
        {
            // Its own stdin: a background job reading the test host's terminal would be stopped (SIGTTIN) for good.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var persistence = _dataDirectory is null
            ? new[] { "--appendonly", "no" }
            : new[] { "--dir", _dataDirectory, "--appendonly", "yes", "--appendfsync", "always" };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(Watchdog);
        startInfo.ArgumentList.Add("redis-watchdog");
        startInfo.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add(_executable);
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--protected-mode", "yes", "--loglevel", "warning" }.Concat(persistence))
        {
            startInfo.ArgumentList.Add(arg);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Wait until the port answers PING, with a deadline that names what was awaited.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} while starting on port {Port}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                var stream = probe.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), deadline.Token);
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read > 0 && buffer[0] == (byte)'+')
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within 15 s.");
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    private static string FindExecutable()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "redis-server was not found. Install it with 'apt-get install -y redis-server' (scripts/test.sh does this for you).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
