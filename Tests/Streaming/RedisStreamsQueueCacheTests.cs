using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streaming.RedisStreams;
using Orleans.Streams;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Unit")]
public sealed class RedisStreamsQueueCacheTests
{
    private static readonly StreamId StreamA = StreamId.Create("test", "a");
    private static readonly StreamId StreamB = StreamId.Create("test", "b");

    [Fact]
    public void SimpleQueueCache_Alone_PurgesABatchNoCursorStandsOnAtOnce()
    {
        // The hazard: a batch whose consumers' cursors do not exist yet is gone at the next purge.
        var cache = new SimpleQueueCache(100, NullLogger.Instance);
        AddWithoutCursor(cache, 1);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Single(purged);
    }

    [Fact]
    public void RedisStreamsQueueCache_YoungBatch_IsKeptUntilOldEnoughThenPurgedOldestFirst()
    {
        var time = new FakeTimeProvider();
        var cache = NewCache(100, TimeSpan.FromSeconds(5), time);
        AddWithoutCursor(cache, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        cache.AddToCache([Batch(2)]);

        Assert.False(cache.TryPurgeFromCache(out _));
        time.Advance(TimeSpan.FromSeconds(3.9));
        Assert.False(cache.TryPurgeFromCache(out _));

        time.Advance(TimeSpan.FromSeconds(1.2));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([1L, 2L], purged.Select(b => b.SequenceToken.SequenceNumber));
    }

    [Fact]
    public void RedisStreamsQueueCache_OldAndYoungBatches_OnlyTheOldArePurged()
    {
        // Ten batches fill the cache: one batch per bucket, so purges are exact.
        var time = new FakeTimeProvider();
        var cache = NewCache(10, TimeSpan.FromSeconds(5), time);
        AddWithoutCursor(cache, 1);
        cache.AddToCache([Batch(2)]);
        time.Advance(TimeSpan.FromSeconds(4));
        cache.AddToCache([Batch(3), Batch(4)]);
        time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([1L, 2L], purged.Select(b => b.SequenceToken.SequenceNumber));

        // The young ones stay until they are old enough, then go too.
        Assert.False(cache.TryPurgeFromCache(out _));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Equal([3L, 4L], purged.Select(b => b.SequenceToken.SequenceNumber));
    }

    [Fact]
    public void RedisStreamsQueueCache_FullCache_PurgesWhateverTheAge()
    {
        var time = new FakeTimeProvider();
        var cache = NewCache(10, TimeSpan.FromMinutes(1), time);
        AddWithoutCursor(cache, 1);
        for (var i = 2; i <= 10; i++)
        {
            cache.AddToCache([Batch(i)]);
        }

        Assert.True(cache.IsUnderPressure());
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.NotEmpty(purged);
    }

    [Fact]
    public void SimpleQueueCache_Alone_RefreshOfAnIdleCursorWhosePositionWasPurged_Throws()
    {
        // The hazard behind lost events: the agent refreshes idle cursors while it processes a read, and a
        // throw there abandons the rest of the read (the other streams' cursors are never started).
        IQueueCache cache = new SimpleQueueCache(100, NullLogger.Instance);
        using var cursor = IdleCursorAtPurgedPosition(cache);
        Assert.Throws<QueueCacheMissException>(() => cursor.Refresh(Token(3)));
    }

    [Fact]
    public void RedisStreamsQueueCache_RefreshOfAnIdleCursorWhosePositionWasPurged_RestartsAtTheNewBatch()
    {
        var cache = NewCache(100, TimeSpan.Zero, new FakeTimeProvider());
        using var cursor = IdleCursorAtPurgedPosition(cache);

        cursor.Refresh(Token(3));

        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        Assert.Equal(Token(3), cursor.GetCurrent(out var error)!.SequenceToken);
        Assert.Null(error);
        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
    }

    [Fact]
    public void RedisStreamsQueueCache_CursorAtEarliestAvailable_StartsAtTheStreamsOldestBatch()
    {
        var cache = NewCache(100, TimeSpan.Zero, new FakeTimeProvider());
        cache.AddToCache([Batch(StreamB, 1), Batch(StreamA, 2), Batch(StreamA, 3)]);

        var result = cache.TryGetCacheCursorAtPosition(StreamA, StreamSubscriptionStartPosition.EarliestAvailable);

        Assert.Equal(QueueCacheCursorResultKind.Success, result.Kind);
        using var cursor = result.Cursor!;
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        Assert.Equal(Token(2), cursor.GetCurrent(out _)!.SequenceToken);
    }

    // A cursor created while the cache held nothing remembers its token; by the time its stream's next batch
    // arrives, the batches around that token have been purged.
    private static IQueueCacheCursor IdleCursorAtPurgedPosition(IQueueCache cache)
    {
        var cursor = cache.TryGetCacheCursor(StreamA, Token(1)).Cursor!;
        cache.AddToCache([Batch(StreamB, 2)]);
        using (cache.TryGetCacheCursor(StreamB, Token(2)).Cursor)
        {
        }

        Assert.True(cache.TryPurgeFromCache(out _));
        cache.AddToCache([Batch(StreamB, 2), Batch(StreamA, 3)]);
        return cursor;
    }

    private static RedisStreamsQueueCache NewCache(int size, TimeSpan minimumAge, TimeProvider time) =>
        new(new SimpleQueueCache(size, NullLogger.Instance), minimumAge, time, new RedisStreamsInstruments(null, "test"), NullLogger.Instance);

    private static RedisStreamSequenceToken Token(long sequence) => new(sequence, 0, 0);

    private static RedisStreamBatchContainer Batch(StreamId stream, long sequence) =>
        new(stream, ["event"], null) { Token = Token(sequence) };

    private static void AddWithoutCursor(IQueueCache cache, long sequence)
    {
        // A cursor that came and went leaves the cache's cursor buckets in place with no cursor on them.
        cache.AddToCache([Batch(sequence)]);
#pragma warning disable CS0618
        using var cursor = cache.GetCacheCursor(StreamA, new RedisStreamSequenceToken(sequence, 0, 0));
#pragma warning restore CS0618
    }

    private static RedisStreamBatchContainer Batch(long sequence) =>
        new(StreamA, ["event"], null) { Token = new RedisStreamSequenceToken(sequence, 0, 0) };
}
