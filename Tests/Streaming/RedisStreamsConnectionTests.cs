using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams;
using Orleans.Streaming.RedisStreams.Storage;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Redis")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsConnectionTests(SharedStreamingClusterFixture fixture)
{
    [Fact]
    public async Task NoConnectionString_UsesMultiplexerFromDI_AndNeverDisposesIt()
    {
        var redis = fixture.Redis;
        await using var multiplexer = await redis.ConnectAsync();
        var prefix = $"test-di-{Guid.NewGuid():N}";
        await using var services = BuildServices(prefix, multiplexer);

        var factory = RedisStreamsAdapterFactory.Create(services, "p");
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        await adapter.QueueMessageBatchAsync(StreamId.Create("ns", "key"), new[] { 42 }, null, null);
        await factory.DisposeAsync();

        Assert.True(multiplexer.IsConnected);
        var keys = Enumerable.Range(0, 8).Select(q => (RedisKey)$"{prefix}:svc:p:{q}");
        var lengths = await Task.WhenAll(keys.Select(k => multiplexer.GetDatabase().StreamLengthAsync(k)));
        Assert.Equal(1, lengths.Sum());
        await RedisKeys.DeleteByPrefixAsync(redis, prefix);
    }

    [Fact]
    public async Task NoConnectionStringAndNoMultiplexer_FailsNamingTheProvider()
    {
        await using var services = BuildServices("unused", multiplexer: null);

        var failure = Assert.Throws<RedisStreamsException>(() => RedisStreamsAdapterFactory.Create(services, "p"));

        Assert.Contains("'p'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("IConnectionMultiplexer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_RedisUnreachable_LogsTheOutageOnceNotPerAttempt()
    {
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{ClosedPort()},abortConnect=false,connectTimeout=200");
        var options = new RedisStreamsOptions { OperationTimeout = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(10) };
        var queue = new RedisStreamQueue(multiplexer, new RedisQueueKeys("unreachable", "svc", "p", 0), options, TimeProvider.System);
        await using var services = BuildServices("unused", multiplexer: null);
        using var instruments = new RedisStreamsInstruments(null, "unreachable");
        var logger = new FakeLogger<RedisStreamsReceiver>();
        var receiver = new RedisStreamsReceiver(
            queue, services.GetRequiredService<Serializer<RedisStreamBatchContainer>>(), options, instruments, TimeProvider.System, logger);

        await receiver.Initialize(TimeSpan.FromSeconds(1), CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        }

        var entries = logger.Collector.GetSnapshot();
        Assert.Single(entries, e => e.Level == LogLevel.Warning && e.Id.Id == 1109);
        Assert.True(entries.Count(e => e.Id.Id == 1110) >= 4, "each later failed attempt is logged at Debug");
    }

    private static ServiceProvider BuildServices(string prefix, IConnectionMultiplexer? multiplexer)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(o => o.ServiceId = "svc");
        services.AddOptions<RedisStreamsOptions>("p").Configure(o => o.KeyPrefix = prefix);
        if (multiplexer is not null)
        {
            services.AddSingleton(multiplexer);
        }

        return services.BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
