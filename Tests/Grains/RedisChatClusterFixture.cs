using OrleansChat.Grains.Hosting;
using OrleansChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The Redis variant: Redis grain storage ("PubSubStore" and "chat"), the Redis message store and the Redis stream
/// provider on the shared redis-server, under this fixture's ServiceId and key prefix, deleted when the fixture stops.
/// </summary>
public class RedisChatClusterFixture : ChatClusterFixture
{
    private readonly string _prefix = $"test-grains-{Guid.NewGuid():N}:";
    private RedisServer? _redis;

    /// <summary>The redis-server the variant runs on.</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Redis is not started.");

    /// <summary>The key prefix of the message store.</summary>
    public string KeyPrefix => _prefix;

    /// <inheritdoc />
    protected override async Task BeforeStartAsync() => _redis = await RedisServer.Shared;

    /// <inheritdoc />
    protected override void ConfigureChat(ChatGrainsOptions options)
    {
        base.ConfigureChat(options);
        options.RedisConnectionString = Redis.ConnectionString;
        options.RedisKeyPrefix = _prefix;
    }

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddRedisGrainStorage(ChatStreams.PubSubStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(Redis.ConnectionString));
        silo.AddRedisGrainStorage(ChatStreams.StateStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(Redis.ConnectionString));
        silo.AddRedisStreams(ChatStreams.ProviderName, ConfigureStreams);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client)
    {
        client.AddRedisStreams(ChatStreams.ProviderName, ConfigureStreams);
    }

    private void ConfigureStreams(Orleans.Configuration.RedisStreamsOptions options)
    {
        options.ConnectionString = Redis.ConnectionString;
        options.KeyPrefix = _prefix + "streams";

        // When the second silo joins, queues change owner; what the old owner had read but not delivered is
        // reclaimed after ClaimMinIdleTime (30 s by default), longer than a test waits for an event.
        options.ClaimMinIdleTime = TimeSpan.FromSeconds(5);
        options.MaintenanceInterval = TimeSpan.FromSeconds(1);
    }

    /// <inheritdoc />
    protected override async Task AfterStopAsync()
    {
        if (_redis is null)
        {
            return;
        }

        await using var connection = await _redis.ConnectAsync();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        foreach (var pattern in new[] { $"{_prefix}*", $"{ServiceId}/*" })
        {
            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: pattern))
            {
                keys.Add(key);
            }

            if (keys.Count > 0)
            {
                await connection.GetDatabase().KeyDeleteAsync(keys.ToArray());
            }
        }
    }
}
