using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// Runs <c>scripts/cluster.sh</c> as a user would, for one cluster: an <c>OC_PORT_OFFSET</c> whose ports are
/// free, its own state directory, and the programs this test run already built (<c>OC_NO_BUILD=1</c>,
/// <c>OC_CONFIGURATION</c>), so the script builds nothing.
/// </summary>
public sealed partial class ClusterScript : IAsyncDisposable
{
    /// <summary>The script's default ports (its header): redis, silo ×2, silo gateway ×2, silo http ×2, dashboard ×2, gateway ×2.</summary>
    private static readonly int[] DefaultPorts = [6380, 11111, 11112, 30000, 30001, 8181, 8182, 8281, 8282, 5081, 5082];

    // Offsets keep every port below Linux's ephemeral range (32768+), where other tests' free ports come from.
    private const int MinOffset = 1000;
    private const int MaxOffset = 32767 - 30001;

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("orleanschat-cluster-sh-").FullName;

    private ClusterScript(int offset) => Offset = offset;

    public int Offset { get; }

    public IEnumerable<int> Ports => DefaultPorts.Select(p => p + Offset);

    /// <summary>Picks <paramref name="count"/> offsets whose ports are all free and distinct from each other's.</summary>
    public static IReadOnlyList<ClusterScript> WithFreeOffsets(int count)
    {
        var taken = new HashSet<int>();
        var scripts = new List<ClusterScript>();
        for (var attempt = 0; scripts.Count < count; attempt++)
        {
            if (attempt == 200)
            {
                throw new InvalidOperationException($"No free port offset for cluster.sh between {MinOffset} and {MaxOffset}.");
            }

            var offset = Random.Shared.Next(MinOffset, MaxOffset + 1);
            var ports = DefaultPorts.Select(p => p + offset).ToList();
            if (ports.All(p => !taken.Contains(p) && IsFree(p)))
            {
                taken.UnionWith(ports);
                scripts.Add(new ClusterScript(offset));
            }
        }

        return scripts;
    }

    /// <summary>Runs <c>cluster.sh start</c> and returns its lines; fails with the script's stderr if it fails.</summary>
    public async Task<IReadOnlyList<ClusterScriptComponent>> StartAsync()
    {
        var (exitCode, stdout, stderr) = await RunAsync("start", LocalCluster.StartTimeout * 3);
        Assert.True(exitCode == 0, $"cluster.sh start (offset {Offset}) exited with {exitCode}:\n{stdout}\n{stderr}");
        var lines = Lines(stdout);
        return lines.Select(line =>
        {
            var match = StartLine().Match(line);
            Assert.True(match.Success, $"cluster.sh start printed '{line}', not '<redis|silo|gateway> <url-or-port> <pid>'");
            return new ClusterScriptComponent(match.Groups[1].Value, match.Groups[2].Value, int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>Runs a command of the script (start, status, stop) with this cluster's environment.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string command, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.File(Path.Combine("scripts", "cluster.sh")));
        startInfo.ArgumentList.Add(command);
        ChildProcess.DropInheritedConfiguration(startInfo);
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("OC_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["OC_PORT_OFFSET"] = Offset.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["OC_CLUSTER_DIR"] = _stateDirectory;
        startInfo.Environment["OC_NO_BUILD"] = "1";
        startInfo.Environment["OC_CONFIGURATION"] = RepositoryPaths.Configuration;

        // A loaded CI machine starts ten processes slowly: wait as long as the other cluster tests do.
        startInfo.Environment["OC_READY_TIMEOUT"] = ((int)LocalCluster.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {command} (offset {Offset}) did not finish within {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static IReadOnlyList<string> Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True while the process runs (an exited child nobody reaped yet is a zombie, not running).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
        try
        {
            // "pid (comm) S …": the state follows the command name's closing parenthesis.
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Stops whatever this cluster still runs and removes its state directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", TimeSpan.FromSeconds(120));
        Directory.Delete(_stateDirectory, recursive: true);
    }

    private static bool IsFree(int port)
    {
        // The silos listen on every interface: check there, not only on loopback.
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(redis|silo|gateway) (\S+) (\d+)$")]
    private static partial Regex StartLine();
}
