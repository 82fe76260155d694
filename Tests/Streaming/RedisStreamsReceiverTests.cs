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
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // The validator's largest, so that no scheduling delay can pass for it.
    private static readonly TimeSpan BusyReadInterval = TimeSpan.FromSeconds(1);

    // Timers do not fire early, but the clock read around them may be a little coarse.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);
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
        _services = BuildServices(_multiplexer);
        _factory = RedisStreamsAdapterFactory.Create(_services, "p");
        _adapter = await _factory.GetAdapterAsync(CancellationToken.None);
        _receiver = _adapter.CreateReceiver(_factory.GetStreamQueueMapper().GetQueueForStream(_streamId));
        await _receiver.Initialize(TimeSpan.FromSeconds(5));
    }

    private ServiceProvider BuildServices(IConnectionMultiplexer multiplexer)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer();
        services.Configure<ClusterOptions>(o => o.ServiceId = "svc");
        services.AddOptions<RedisStreamsOptions>("p").Configure(o =>
        {
            o.KeyPrefix = _prefix;
            o.PollInterval = PollInterval;
            o.BusyReadInterval = BusyReadInterval;
        });
        services.AddSingleton(multiplexer);
        return services.BuildServiceProvider();
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

        Assert.Equal(0, await PendingCountAsync(_multiplexer));
    }

    [Fact]
    public async Task Delivered_AcknowledgementRefused_IsRetriedByTheNextRead()
    {
        // A receiver whose Redis user may not XACK until the test allows it: its first acknowledgement fails.
        var user = $"test-receiver-{Guid.NewGuid():N}";
        var admin = _multiplexer.GetServer(_multiplexer.GetEndPoints()[0]);
        await admin.ExecuteAsync("ACL", "SETUSER", user, "on", ">secret", "~*", "&*", "+@all", "-xack");
        try
        {
            var options = ConfigurationOptions.Parse(fixture.Redis.ConnectionString);
            options.User = user;
            options.Password = "secret";
            await using var restricted = await ConnectionMultiplexer.ConnectAsync(options);
            await using var services = BuildServices(restricted);
            await using var factory = RedisStreamsAdapterFactory.Create(services, "p");
            var adapter = await factory.GetAdapterAsync(CancellationToken.None);
            var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(_streamId));
            await receiver.Initialize(TimeSpan.FromSeconds(5));
            await adapter.QueueMessageBatchAsync(_streamId, new[] { 1 }, null, null);
            var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            Assert.Single(batches);

            await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);
            await admin.ExecuteAsync("ACL", "SETUSER", user, "+xack");
            Assert.Equal(1, await PendingCountAsync(restricted));
            await receiver.GetQueueMessagesAsync(100, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(0, await PendingCountAsync(restricted));
            await receiver.Shutdown(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await admin.ExecuteAsync("ACL", "DELUSER", user);
        }
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

    [Fact]
    public async Task Read_NotificationThatFindsNothing_KeepsWaitingForTheRestOfThePollInterval()
    {
        var started = TimeProvider.System.GetTimestamp();
        var reading = _receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        // A notification whose entry an earlier read already took: answering "empty" now would end the
        // agent's pump until its next timer tick, delaying the next event by up to that tick.
        await _multiplexer.GetSubscriber().PublishAsync(_adapter.QueueFor(_streamId).Keys.Notifications, RedisValue.EmptyString);

        var batches = await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(batches);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= PollInterval - Slack, $"answered after {TimeProvider.System.GetElapsedTime(started)}");
    }

    [Fact]
    public async Task Read_AfterAReadThatEmptiedTheQueue_WaitsForANotificationInsteadOfReadingAtOnce()
    {
        // Entries added without a notification (as if their producers' publishes were lost), so no late
        // notification of the first is pending: the second is only found at the fallback poll, which shows
        // the receiver did not read again before being notified.
        await ReadPastFirstMaintenanceAsync();
        await AddWithoutNotificationAsync(6);
        Assert.Single(await _receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        await AddWithoutNotificationAsync(7);
        var started = TimeProvider.System.GetTimestamp();

        var batches = await _receiver.GetQueueMessagesAsync(100, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, Assert.Single(batches).GetEvents<int>().Single().Item1);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= PollInterval - Slack, $"answered after {TimeProvider.System.GetElapsedTime(started)}");
    }

    [Fact]
    public async Task Read_AfterAReadThatFilledItsBatch_ReadsAgainAtOnce()
    {
        await ReadPastFirstMaintenanceAsync();
        for (var i = 0; i < 3; i++)
        {
            await AddWithoutNotificationAsync(i);
        }

        Assert.Equal(2, (await _receiver.GetQueueMessagesAsync(2, CancellationToken.None)).Count);
        var started = TimeProvider.System.GetTimestamp();

        var rest = await _receiver.GetQueueMessagesAsync(2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, Assert.Single(rest).GetEvents<int>().Single().Item1);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < PollInterval, $"answered after {TimeProvider.System.GetElapsedTime(started)}");
    }

    [Fact]
    public async Task Read_OfABusyQueue_ComesNoSoonerThanTheBusyReadIntervalAfterTheReadThatDrainedIt()
    {
        await ReadPastFirstMaintenanceAsync();
        await AddWithoutNotificationAsync(6);
        Assert.Single(await _receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        var drained = TimeProvider.System.GetTimestamp();

        // Notified at once, but the queue was just drained: what arrives within the interval is read in one go.
        await _adapter.QueueMessageBatchAsync(_streamId, new[] { 7 }, null, null);
        await _adapter.QueueMessageBatchAsync(_streamId, new[] { 8 }, null, null);
        var batches = await _receiver.GetQueueMessagesAsync(100, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([7, 8], batches.Select(b => b.GetEvents<int>().Single().Item1));
        Assert.True(TimeProvider.System.GetElapsedTime(drained) >= BusyReadInterval - Slack, $"answered after {TimeProvider.System.GetElapsedTime(drained)}");
    }

    [Fact]
    public async Task Add_WithTheQueuesReceiverInThisProcess_WakesItInMemoryWithoutAPublish()
    {
        await ReadPastFirstMaintenanceAsync();
        var queue = _adapter.QueueFor(_streamId);
        var reading = _receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        var started = TimeProvider.System.GetTimestamp();

        await _adapter.QueueMessageBatchAsync(_streamId, new[] { 7 }, null, null);
        var batches = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, Assert.Single(batches).GetEvents<int>().Single().Item1);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < PollInterval, $"answered after {TimeProvider.System.GetElapsedTime(started)}");
        Assert.Equal(0, queue.NotificationsPublished);
    }

    [Fact]
    public async Task Add_AfterTheQueuesReceiverHereShutDown_PublishesForAnOwnerElsewhere()
    {
        var queue = _adapter.QueueFor(_streamId);
        var notified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = await _multiplexer.GetSubscriber().SubscribeAsync(queue.Keys.Notifications);
        channel.OnMessage(_ => notified.TrySetResult());
        await _receiver.Shutdown(TimeSpan.FromSeconds(5));

        await _adapter.QueueMessageBatchAsync(_streamId, new[] { 7 }, null, null);

        await notified.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.NotificationsPublished);
        await channel.UnsubscribeAsync();
    }

    /// <summary>
    /// Adds an entry and reads it: the receiver's first read also runs its first maintenance pass, after which it
    /// reads again at once (to reclaim), so only reads after this one show how it paces ordinary reads.
    /// </summary>
    private async Task ReadPastFirstMaintenanceAsync()
    {
        await AddWithoutNotificationAsync(5);
        Assert.Single(await _receiver.GetQueueMessagesAsync(100, CancellationToken.None));
    }

    private async Task AddWithoutNotificationAsync(int value)
    {
        var payload = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>()
            .SerializeToArray(new RedisStreamBatchContainer(_streamId, [value], null));
        await _multiplexer.GetDatabase().StreamAddAsync(_adapter.QueueFor(_streamId).Keys.Stream, RedisStreamQueue.PayloadField, payload);
    }

    private async Task<long> PendingCountAsync(IConnectionMultiplexer multiplexer) =>
        (await multiplexer.GetDatabase().StreamPendingAsync(_adapter.QueueFor(_streamId).Keys.Stream, RedisQueueKeys.ConsumerGroup)).PendingMessageCount;

    private async Task<IList<IBatchContainer>> ProduceAndReadAsync(int count, int maxCount = 100)
    {
        for (var i = 0; i < count; i++)
        {
            await _adapter.QueueMessageBatchAsync(_streamId, new[] { i }, null, null);
        }

        var batches = await _receiver.GetQueueMessagesAsync(maxCount, CancellationToken.None);
        Assert.Equal(Math.Min(count, maxCount), batches.Count);
        return batches;
    }
}
