using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streaming.RedisStreams;
using Orleans.Streams;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Unit")]
public sealed class MinimumAgeQueueCacheTests
{
    private static readonly StreamId StreamA = StreamId.Create("test", "a");

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
    public void MinimumAgeQueueCache_YoungBatch_IsKeptUntilOldEnoughThenPurgedOldestFirst()
    {
        var time = new FakeTimeProvider();
        var cache = new MinimumAgeQueueCache(new SimpleQueueCache(100, NullLogger.Instance), TimeSpan.FromSeconds(5), time);
        AddWithoutCursor(cache, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        cache.AddToCache([Batch(2)]);

        Assert.False(cache.TryPurgeFromCache(out _));
        time.Advance(TimeSpan.FromSeconds(3.9));
        Assert.False(cache.TryPurgeFromCache(out _));

        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(1, ((RedisStreamSequenceToken)purged[0].SequenceToken).SequenceNumber);
    }

    [Fact]
    public void MinimumAgeQueueCache_FullCache_PurgesWhateverTheAge()
    {
        var time = new FakeTimeProvider();
        var cache = new MinimumAgeQueueCache(new SimpleQueueCache(10, NullLogger.Instance), TimeSpan.FromMinutes(1), time);
        AddWithoutCursor(cache, 1);
        for (var i = 2; i <= 10; i++)
        {
            cache.AddToCache([Batch(i)]);
        }

        Assert.True(cache.IsUnderPressure());
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.NotEmpty(purged);
    }

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
