using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streaming.RedisStreams;
using Orleans.Streams;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.Streaming.Grains;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster whose silos and client use the Redis stream provider on a
/// given <see cref="RedisServer"/>, with its own ServiceId and key prefix; disposing it stops the
/// cluster and deletes every key under the prefix.
/// </summary>
public sealed class StreamingCluster : IAsyncDisposable
{
    private StreamingCluster(InProcessTestCluster cluster, RedisServer redis, string keyPrefix)
    {
        Cluster = cluster;
        Redis = redis;
        KeyPrefix = keyPrefix;
    }

    public InProcessTestCluster Cluster { get; }

    public RedisServer Redis { get; }

    public string KeyPrefix { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<StreamingCluster> StartAsync(
        RedisServer redis,
        short silos = 1,
        Action<RedisStreamsOptions>? configure = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var keyPrefix = $"test-streams-{Guid.NewGuid():N}";
        void Configure(RedisStreamsOptions options)
        {
            options.ConnectionString = redis.ConnectionString;
            options.KeyPrefix = keyPrefix;
            options.OperationTimeout = TimeSpan.FromSeconds(3);

            // Run maintenance (reclaim sweep, trimming) often, so it races the tests' reads and
            // acknowledgements: a trim that dropped an undelivered entry would fail them.
            options.MaintenanceInterval = TimeSpan.FromMilliseconds(300);
            configure?.Invoke(options);
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddRedisStreams(StreamTestNames.Provider, Configure);
            configureSilo?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.AddRedisStreams(StreamTestNames.Provider, Configure));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StreamingCluster(cluster, redis, keyPrefix);
    }

    /// <summary>A stream of <see cref="StreamTestEvent"/> as the client sees it.</summary>
    public IAsyncStream<StreamTestEvent> ClientStream(string ns, Guid key) =>
        Client.GetStreamProvider(StreamTestNames.Provider).GetStream<StreamTestEvent>(StreamId.Create(ns, key));

    /// <summary>The provider's Redis I/O for the queue a stream maps to, from the first silo.</summary>
    internal async Task<Orleans.Streaming.RedisStreams.Storage.RedisStreamQueue> QueueForAsync(string ns, Guid key)
    {
        var factory = (RedisStreamsAdapterFactory)Cluster.GetSiloServiceProvider()
            .GetRequiredKeyedService<IQueueAdapterFactory>(StreamTestNames.Provider);
        var adapter = await factory.GetAdapterAsync(CancellationToken.None);
        return adapter.QueueFor(StreamId.Create(ns, key));
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Redis.IsRunning)
        {
            await RedisKeys.DeleteByPrefixAsync(Redis, KeyPrefix);
        }
    }
}
