using OrleansChat.Grains.Hosting;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A cluster whose message store is on a private redis-server that a test may break (ACL, stop) without
/// disturbing other tests; grain storage and streams are in memory.
/// </summary>
public sealed class PrivateRedisStoreClusterFixture : ChatClusterFixture
{
    private RedisServer? _redis;

    /// <summary>The private redis-server.</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Redis is not started.");

    /// <inheritdoc />
    protected override async Task BeforeStartAsync() => _redis = await RedisServer.StartAsync();

    /// <inheritdoc />
    protected override async Task AfterStopAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override void ConfigureChat(ChatGrainsOptions options)
    {
        base.ConfigureChat(options);
        options.RedisConnectionString = Redis.ConnectionString;
    }

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(ChatStreams.PubSubStoreName);
        silo.AddMemoryGrainStorage(ChatStreams.StateStoreName);
        silo.AddMemoryStreams(ChatStreams.ProviderName);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(ChatStreams.ProviderName);
}
