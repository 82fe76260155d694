using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Streaming.Infrastructure;

/// <summary>One single-silo cluster on the shared Redis for the delivery tests (each test uses fresh stream keys).</summary>
public sealed class SharedStreamingClusterFixture : IAsyncLifetime
{
    private StreamingCluster? _cluster;

    public StreamingCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await StreamingCluster.StartAsync(await RedisServer.Shared);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
