namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>One member of the <see cref="LocalCluster"/>: a program with fixed ports that can be killed and started again.</summary>
public sealed class ProcessSlot(string name, string dll, Func<ProcessSlot, Dictionary<string, string>> environment) : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Dictionary<string, int> _ports = [];
    private ChildProcess? _process;
    private bool _everReady;

    public string Name { get; } = name;

    public int HttpPort => Port("http");

    public bool IsRunning => _process is { HasExited: false };

    public ChildProcess Process => _process ?? throw new InvalidOperationException($"{Name} was never started.");

    /// <summary>A port of this slot, chosen once and kept across restarts.</summary>
    public int Port(string purpose)
    {
        lock (_ports)
        {
            if (!_ports.TryGetValue(purpose, out var port))
            {
                _ports[purpose] = port = LocalCluster.FreePort();
            }

            return port;
        }
    }

    public Task StartAsync()
    {
        _process = ChildProcess.Start(Name, dll, environment(this));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts the program and waits until it is ready. A program that exits while starting (a port taken
    /// between choosing and binding it, say) is started again, on fresh ports if it was never ready before,
    /// at most <paramref name="attempts"/> times; the failure then names what every attempt printed.
    /// </summary>
    public async Task StartReadyAsync(TimeSpan timeout, int attempts = 3)
    {
        var failures = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            await StartAsync();
            try
            {
                await WaitReadyAsync(timeout);
                _everReady = true;
                return;
            }
            catch (ExitedWhileStartingException ex) when (attempt < attempts)
            {
                failures.Add(ex.Message);
                if (!_everReady)
                {
                    lock (_ports)
                    {
                        _ports.Clear();
                    }
                }
            }
            catch (ExitedWhileStartingException ex)
            {
                failures.Add(ex.Message);
                throw new InvalidOperationException($"{Name} exited while starting, {attempts} times:\n\n{string.Join("\n\n", failures)}");
            }
        }
    }

    public Task KillAsync() => Process.KillAsync();

    /// <summary>SIGTERM; true when the process exited by itself within <paramref name="grace"/> (else it was killed).</summary>
    public Task<bool> StopAsync(TimeSpan grace) => Process.StopAsync(grace);

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var url = $"http://127.0.0.1:{HttpPort}/readyz";
        while (true)
        {
            if (Process.HasExited)
            {
                throw new ExitedWhileStartingException($"{Name} exited with {Process.ExitCode} while starting:\n{Process.RecentOutput}");
            }

            try
            {
                using var response = await Http.GetAsync(url, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    _everReady = true;
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet, or the deadline passed (checked below).
            }

            try
            {
                deadline.Token.ThrowIfCancellationRequested();
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} was not ready at {url} within {timeout.TotalSeconds} s:\n{Process.RecentOutput}");
            }
        }
    }

    public string Describe() => _process is null ? $"{Name}: not started" : $"{Name} (running: {IsRunning}):\n{_process.RecentOutput}";

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private sealed class ExitedWhileStartingException(string message) : InvalidOperationException(message);
}
