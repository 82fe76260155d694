using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Redis")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsReceiverTests(SharedStreamingClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _prefix = $"test-receiver-{Guid.NewGuid():N}";
    private readonly StreamId _streamId = StreamId.Create("ns", "key");
    private ConnectionMultiplexer _multiplexer = null!;
    private ServiceProvider _services = null!;
    private RedisStreamsAdapterFactory _factory = null!;
    private RedisStreamsAdapter _adapter = null!;
    private IQueueAdapterReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _multiplexer = await fixture.Redis.ConnectAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(o => o.ServiceId = "svc");
        services.AddOptions<RedisStreamsOptions>("p").Configure(o => o.KeyPrefix = _prefix);
        services.AddSingleton<IConnectionMultiplexer>(_multiplexer);
        _services = services.BuildServiceProvider();
        _factory = RedisStreamsAdapterFactory.Create(_services, "p");
        _adapter = await _factory.GetAdapterAsync(CancellationToken.None);
        _receiver = _adapter.CreateReceiver(_factory.GetStreamQueueMapper().GetQueueForStream(_streamId));
        await _receiver.Initialize(TimeSpan.FromSeconds(5));
    }

    public async Task DisposeAsync()
    {
        await _receiver.Shutdown(TimeSpan.FromSeconds(5));
        await _factory.DisposeAsync();
        await _services.DisposeAsync();
        await RedisKeys.DeleteByPrefixAsync(fixture.Redis, _prefix);
        await _multiplexer.DisposeAsync();
    }

    [Fact]
    public async Task DeliveredUpToLaterBatch_BatchDroppedInBetween_IsAcknowledgedToo()
    {
        var batches = await ProduceAndReadAsync(3);
        Assert.Equal([0, 1, 2], batches.Select(b => b.GetEvents<int>().Single().Item1));

        // The agent's cache reports the first and third batch; the second it dropped (delivery given up).
        await _receiver.MessagesDeliveredAsync([batches[0], batches[2]], CancellationToken.None);

        var pending = await _multiplexer.GetDatabase().StreamPendingAsync(_adapter.QueueFor(_streamId).Keys.Stream, RedisQueueKeys.ConsumerGroup);
        Assert.Equal(0, pending.PendingMessageCount);
    }

    [Fact]
    public async Task DeliveredPrefix_LaterBatchesStayPending()
    {
        var batches = await ProduceAndReadAsync(4);

        await _receiver.MessagesDeliveredAsync([batches[0], batches[1]], CancellationToken.None);

        var pending = await _multiplexer.GetDatabase().StreamPendingMessagesAsync(
            _adapter.QueueFor(_streamId).Keys.Stream, RedisQueueKeys.ConsumerGroup, 10, RedisValue.Null);
        Assert.Equal(
            batches.Skip(2).Select(b => ((RedisStreamSequenceToken)b.SequenceToken).EntryId),
            pending.Select(p => p.MessageId.ToString()));
    }

    private async Task<IList<IBatchContainer>> ProduceAndReadAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _adapter.QueueMessageBatchAsync(_streamId, new[] { i }, null, null);
        }

        var batches = await _receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(count, batches.Count);
        return batches;
    }
}
