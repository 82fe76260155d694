using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansChat.Tests.Cluster.Infrastructure;
using OrleansChat.Tests.Gateway.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// <c>scripts/cluster.sh</c> driven as a user drives it: two clusters side by side on different port
/// offsets, each serving a conversation across its two gateways, and <c>stop</c> stopping exactly the
/// processes its own <c>start</c> reported. In the local cluster's collection (without using it) so that
/// its ten processes never start while the fault tests' traffic runs on the same cores.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterScriptTests(ITestOutputHelper output)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private static readonly string[] Kinds = ["redis", "silo", "silo", "gateway", "gateway"];

    [Fact]
    public async Task ClusterScript_TwoOffsetsSideBySide_EachChatsAcrossItsGatewaysAndStopEndsOnlyItsOwnProcesses()
    {
        var scripts = ClusterScript.WithFreeOffsets(2);
        await using var first = scripts[0];
        await using var second = scripts[1];
        var startedAt = Stopwatch.GetTimestamp();

        // One after the other: ten processes starting at once starve each other on a small, busy machine.
        var mine = await first.StartAsync();
        var theirs = await second.StartAsync();
        output.WriteLine($"both clusters (offsets {first.Offset}, {second.Offset}) started in {Stopwatch.GetElapsedTime(startedAt).TotalSeconds:F1} s");
        AssertOneLinePerComponent(first, mine);
        AssertOneLinePerComponent(second, theirs);

        foreach (var (script, cluster) in new[] { (first, mine), (second, theirs) })
        {
            var gateways = cluster.Where(c => c.Kind == "gateway").Select(c => c.Address).ToList();
            foreach (var gateway in gateways)
            {
                Assert.Equal("ok", await Http.GetStringAsync(new Uri($"{gateway}/healthz")));
            }

            await AssertChatAcrossAsync(gateways[0], gateways[1]);
            await AssertStatusAsync(script, cluster, running: true);
        }

        var stoppingAt = Stopwatch.GetTimestamp();
        var (exitCode, stopped, errors) = await first.RunAsync("stop", TimeSpan.FromSeconds(120));
        output.WriteLine($"stop took {Stopwatch.GetElapsedTime(stoppingAt).TotalSeconds:F1} s:\n{stopped}{errors}");
        Assert.True(exitCode == 0, $"cluster.sh stop exited with {exitCode}:\n{stopped}\n{errors}");
        Assert.Equal(
            mine.Select(c => c.Pid).Order(),
            ClusterScript.Lines(stopped).Select(l => int.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)).Order());
        Assert.All(mine, c => Assert.False(ClusterScript.IsAlive(c.Pid), $"{c.Kind} {c.Address} (pid {c.Pid}) still runs after stop"));
        Assert.All(theirs, c => Assert.True(ClusterScript.IsAlive(c.Pid), $"the other cluster's {c.Kind} {c.Address} (pid {c.Pid}) was stopped too"));
        await AssertStatusAsync(first, mine, running: false);
        await AssertStatusAsync(second, theirs, running: true);
        await AssertChatAcrossAsync(theirs[3].Address, theirs[4].Address);

        Assert.Equal(0, (await second.RunAsync("stop", TimeSpan.FromSeconds(120))).ExitCode);
        Assert.All(theirs, c => Assert.False(ClusterScript.IsAlive(c.Pid), $"{c.Kind} {c.Address} (pid {c.Pid}) still runs after stop"));
        output.WriteLine($"whole test: {Stopwatch.GetElapsedTime(startedAt).TotalSeconds:F1} s");
    }

    private static void AssertOneLinePerComponent(ClusterScript script, IReadOnlyList<ClusterScriptComponent> components)
    {
        string Port(int basePort) => (basePort + script.Offset).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(Kinds, components.Select(c => c.Kind));
        Assert.Equal(
            [Port(6380), $"http://127.0.0.1:{Port(8181)}", $"http://127.0.0.1:{Port(8182)}", $"http://127.0.0.1:{Port(5081)}", $"http://127.0.0.1:{Port(5082)}"],
            components.Select(c => c.Address));
        Assert.Equal(components.Count, components.Select(c => c.Pid).Distinct().Count());
        Assert.All(components, c => Assert.True(ClusterScript.IsAlive(c.Pid), $"{c.Kind} {c.Address}: pid {c.Pid} does not run"));
    }

    private static async Task AssertStatusAsync(ClusterScript script, IReadOnlyList<ClusterScriptComponent> components, bool running)
    {
        var (exitCode, stdout, stderr) = await script.RunAsync("status", TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"cluster.sh status exited with {exitCode}: {stderr}");
        var expected = components.Select(c => running ? $"{c.Kind} {c.Address} {c.Pid} running" : $"{c.Kind} {c.Address} - stopped");
        Assert.Equal(expected, ClusterScript.Lines(stdout));
    }

    /// <summary>Two users, one on each gateway, join a room and each receives what the other sends.</summary>
    private static async Task AssertChatAcrossAsync(string gatewayA, string gatewayB)
    {
        var room = $"sh-{Guid.NewGuid():N}"[..16];
        var (alice, _) = await WsClient.ConnectWelcomedAsync(new Uri($"{gatewayA.Replace("http:", "ws:", StringComparison.Ordinal)}/ws"), await DevTokenAsync(gatewayA, "alice"));
        await using var _alice = alice;
        var (bob, _) = await WsClient.ConnectWelcomedAsync(new Uri($"{gatewayB.Replace("http:", "ws:", StringComparison.Ordinal)}/ws"), await DevTokenAsync(gatewayB, "bob"));
        await using var _bob = bob;
        foreach (var user in new[] { alice, bob })
        {
            Assert.Equal("ack", WsClient.Type(await user.CommandAsync(new { type = "join", room })));
        }

        foreach (var (sender, receiver, text) in new[] { (alice, bob, "hello from gateway one"), (bob, alice, "hello from gateway two") })
        {
            Assert.Equal("ack", WsClient.Type(await sender.CommandAsync(new { type = "send", room, text })));
            var message = await receiver.NextOfTypeAsync("message", f => f.GetProperty("room").GetString() == room && f.GetProperty("text").GetString() == text);
            Assert.Equal(text, message.GetProperty("text").GetString());
        }
    }

    private static async Task<string> DevTokenAsync(string gateway, string user)
    {
        using var response = await Http.PostAsJsonAsync(new Uri($"{gateway}/api/dev/token"), new { user });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }
}
