using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Streaming.Infrastructure;

/// <summary>
/// What the streaming collection shares: a redis-server of its own and one single-silo cluster on it
/// (each test uses fresh stream keys or its own key prefix). The server is private rather than
/// <see cref="RedisServer.Shared"/> so that it is stopped when the collection ends, not left to a
/// process-exit hook the test host may never run.
/// </summary>
public sealed class SharedStreamingClusterFixture : IAsyncLifetime
{
    private RedisServer? _redis;
    private StreamingCluster? _cluster;

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("redis-server has not started.");

    public StreamingCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _cluster = await StreamingCluster.StartAsync(_redis);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
