using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// A .NET program of this repository run as a real child process (<c>dotnet X.dll</c>) with a
/// controlled environment; its recent output is kept (bounded) for failure messages.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int OutputLines = 400;
    private static readonly string[] InheritedPrefixesToDrop = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "Orleans__", "Redis__", "Auth__", "Chat__", "Dashboard__", "Gateway__"];
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public static ChildProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        DropInheritedConfiguration(startInfo);

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Removes the configuration this test process may have inherited (ASPNETCORE_*, Orleans__*, …), so only what a test sets applies.</summary>
    public static void DropInheritedConfiguration(ProcessStartInfo startInfo)
    {
        foreach (var key in startInfo.Environment.Keys.Where(k => InheritedPrefixesToDrop.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
        {
            startInfo.Environment.Remove(key);
        }
    }

    /// <summary>SIGKILL: the process vanishes as in a crash, its sockets reset by the kernel.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    /// <returns>True when the process exited by itself (or had already), false when it had to be killed.</returns>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        // SIGTERM lets the host stop gracefully (Orleans hands over grains and queues).
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await KillAsync();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(15));
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines && _output.TryDequeue(out _))
        {
        }
    }
}
