using OrleansChat.Tests.Cluster.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>The silo host's HTTP side: health, readiness, metrics with the leak audit, and the dashboard on its own port.</summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterHostTests(LocalCluster cluster) : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Silo_ServesHealthReadinessAndAuditMetrics()
    {
        var silo = cluster.Silos[0];
        var baseUri = $"http://127.0.0.1:{silo.HttpPort}";
        Assert.Equal("ok", await Http.GetStringAsync($"{baseUri}/healthz"));
        Assert.Equal("ready", await Http.GetStringAsync($"{baseUri}/readyz"));
        var metrics = await Http.GetStringAsync($"{baseUri}/metrics");
        foreach (var gauge in new[] { "orleanschat_user_sessions", "orleanschat_user_activations", "orleanschat_user_subscriptions", "orleanschat_user_timers" })
        {
            Assert.Contains(gauge, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Silo_ServesDashboardOnItsOwnPortOnly()
    {
        var silo = cluster.Silos[0];
        using var dashboard = await Http.GetAsync($"http://127.0.0.1:{silo.Port("dashboard")}/");
        Assert.True(dashboard.IsSuccessStatusCode, $"dashboard answered {(int)dashboard.StatusCode}");
        using var onHealthPort = await Http.GetAsync($"http://127.0.0.1:{silo.HttpPort}/");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onHealthPort.StatusCode);
    }
}
