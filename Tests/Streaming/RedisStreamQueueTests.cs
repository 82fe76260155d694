using Orleans.Configuration;
using Orleans.Streaming.RedisStreams.Storage;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Redis")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamQueueTests(SharedStreamingClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _prefix = $"test-queue-{Guid.NewGuid():N}";
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisStreamQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _redis = fixture.Redis;
        _connection = await _redis.ConnectAsync();
        _queue = new RedisStreamQueue(_connection, new RedisQueueKeys(_prefix, "svc", "provider", 0), new RedisStreamsOptions(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await RedisKeys.DeleteByPrefixAsync(_redis, _prefix);
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Trim_KeepsPendingAndUnreadEntries_RemovesOnlyAcknowledged()
    {
        var ids = await AddAsync(300);
        await _queue.EnsureGroupAsync();
        var read = await _queue.ReadAsync("consumer-a", 200);
        Assert.Equal(200, read.Length);
        await _queue.AcknowledgeAsync(ids[..100]);
        await _queue.AcknowledgeAsync(ids[150..200]);

        var (lag, trimmed) = await _queue.InspectAndTrimAsync(trim: true);

        // Entries 0-99 are acknowledged and older than the oldest pending one (100): only they go.
        Assert.Equal(100, trimmed);
        Assert.Equal(100, lag);
        var left = await _connection.GetDatabase().StreamRangeAsync(_queue.Keys.Stream);
        Assert.Equal(ids[100..], left.Select(e => e.Id).ToArray());
    }

    [Fact]
    public async Task Trim_NothingPending_RemovesUpToLastDeliveredOnly()
    {
        var ids = await AddAsync(50);
        await _queue.EnsureGroupAsync();
        await _queue.ReadAsync("consumer-a", 30);
        await _queue.AcknowledgeAsync(ids[..30]);

        var (_, trimmed) = await _queue.InspectAndTrimAsync(trim: true);

        Assert.Equal(30, trimmed);
        var left = await _connection.GetDatabase().StreamRangeAsync(_queue.Keys.Stream);
        Assert.Equal(ids[30..], left.Select(e => e.Id).ToArray());
    }

    [Fact]
    public async Task ClaimFromOthers_TakesOverAnotherConsumersPendingEntriesInOrder_NotOwnOnes()
    {
        var ids = await AddAsync(20);
        await _queue.EnsureGroupAsync();
        await _queue.ReadAsync("dead-consumer", 10);
        await _queue.ReadAsync("new-owner", 5);

        var claimed = await _queue.ClaimFromOthersAsync("new-owner", TimeSpan.Zero, 100);

        Assert.Equal(ids[..10], claimed.Select(e => e.Id).ToArray());
        var pending = await _connection.GetDatabase().StreamPendingAsync(_queue.Keys.Stream, RedisQueueKeys.ConsumerGroup);
        Assert.Equal(15, pending.PendingMessageCount);
        Assert.Equal("new-owner", Assert.Single(pending.Consumers).Name);
    }

    [Fact]
    public async Task ClaimFromOthers_ConsumerNotIdleLongEnough_IsLeftAlone()
    {
        await AddAsync(5);
        await _queue.EnsureGroupAsync();
        await _queue.ReadAsync("live-consumer", 5);

        var claimed = await _queue.ClaimFromOthersAsync("other", TimeSpan.FromMinutes(1), 100);

        Assert.Empty(claimed);
    }

    [Fact]
    public async Task EnsureGroup_AfterStreamWasDeleted_RecreatesIt_AndReadsFromTheStart()
    {
        await _queue.EnsureGroupAsync();
        await _connection.GetDatabase().KeyDeleteAsync(_queue.Keys.Stream);
        var ids = await AddAsync(3);

        var error = await Assert.ThrowsAsync<RedisServerException>(() => _queue.ReadAsync("c", 10));
        Assert.True(RedisStreamQueue.IsMissingGroup(error));
        Assert.True(await _queue.EnsureGroupAsync());

        var read = await _queue.ReadAsync("c", 10);
        Assert.Equal(ids, read.Select(e => e.Id).ToArray());
    }

    private async Task<RedisValue[]> AddAsync(int count)
    {
        var ids = new RedisValue[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await _queue.AddAsync([(byte)i]);
        }

        return ids;
    }
}
