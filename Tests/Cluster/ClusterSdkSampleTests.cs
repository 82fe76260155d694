using System.Diagnostics;
using OrleansChat.Tests.Cluster.Infrastructure;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>The processes start with the deployment environment, and the .NET SDK sample works against them.</summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterSdkSampleTests(LocalCluster cluster) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConsoleClient_PostsThroughTheSdk_WebSocketMembersReceiveIt()
    {
        var room = $"sdk-{Guid.NewGuid():N}"[..16];
        var (member, _) = await WsClient.ConnectWelcomedAsync(cluster.WebSocketUri(1), cluster.Token("sdk-reader"));
        await using (member)
        {
            Assert.Equal("ack", WsClient.Type(await member.CommandAsync(new { type = "join", room })));
            var (exitCode, output) = await RunConsoleClientAsync("--user", "sdk-writer", "--room", room, "--send", "hello from the sdk", "--listen", "3");
            Assert.True(exitCode == 0, $"ConsoleClient exited with {exitCode}:\n{output}");
            Assert.Contains("sent #1", output, StringComparison.Ordinal);
            Assert.Contains($"[{room} #1] sdk-writer: hello from the sdk", output, StringComparison.Ordinal);

            var message = await member.NextOfTypeAsync("message", f => f.GetProperty("room").GetString() == room);
            Assert.Equal("hello from the sdk", message.GetProperty("text").GetString());
            Assert.Equal("sdk-writer", message.GetProperty("from").GetString());
        }
    }

    [Fact]
    public async Task ConsoleClient_BadArguments_ExplainsAndExitsWithTwo()
    {
        var (exitCode, output) = await RunConsoleClientAsync("--user", "bad user", "--room", "r");
        Assert.Equal(2, exitCode);
        Assert.Contains("--user takes 1 to 64 characters", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunConsoleClientAsync(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.Program(Path.Combine("samples", "ConsoleClient"), "OrleansChat.ConsoleClient"));
        foreach (var arg in new[] { "--redis", cluster.RedisConnectionString, "--cluster-id", cluster.ClusterId, "--service-id", cluster.ServiceId }.Concat(args))
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ConsoleClient did not finish within 90 s:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
