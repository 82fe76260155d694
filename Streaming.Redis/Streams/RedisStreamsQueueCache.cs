using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// The provider's queue cache: Orleans' <see cref="SimpleQueueCache"/>, where no batch younger than a minimum age
/// is purged, with cursors that survive a purged position (<see cref="ReseatingQueueCacheCursor"/>).
/// </summary>
/// <remarks>
/// The simple cache purges, in whole buckets, every batch no cursor stands on. The batches of a stream are
/// unpinned while the agent completes the handshake with the stream's consumers (a stream it has just met, or a
/// subscription just added); the handshake then asks for a cursor at the first of them, and when that batch is
/// already gone the consumer gets an error and misses it. So while batches younger than the minimum age are in the
/// cache, this cache holds a cursor of its own on the oldest of them, and the simple cache purges only what lies
/// before it. A cache under pressure purges as before: flow control must not stall. What is purged goes, oldest
/// first, to <c>MessagesDeliveredAsync</c> for acknowledgement.
/// </remarks>
internal sealed partial class RedisStreamsQueueCache(
    SimpleQueueCache inner,
    TimeSpan minimumAge,
    TimeProvider timeProvider,
    RedisStreamsInstruments instruments,
    ILogger logger) : IQueueCache
{
    // One record per non-empty add still (possibly) in the inner cache, oldest first, split at the minimum age;
    // bounded by the cache size, since every add holds at least one batch and the agent stops adding when full.
    private readonly Queue<CacheAdd> _oldAdds = new();
    private readonly Queue<CacheAdd> _youngAdds = new();
    private readonly long _minimumAgeTicks = (long)(minimumAge.TotalSeconds * timeProvider.TimestampFrequency);
    private IQueueCacheCursor? _pin;
    private IBatchContainer? _pinned;
    private long _pinnedAt;

    public int GetMaxAddCount() => inner.GetMaxAddCount();

    public void AddToCache(IList<IBatchContainer> messages)
    {
        inner.AddToCache(messages);
        if (messages.Count > 0)
        {
            _youngAdds.Enqueue(new CacheAdd(timeProvider.GetTimestamp(), messages[0], messages[^1].SequenceToken));
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        var now = timeProvider.GetTimestamp();
        while (_youngAdds.TryPeek(out var add) && now - add.Timestamp >= _minimumAgeTicks)
        {
            _oldAdds.Enqueue(_youngAdds.Dequeue());
        }

        if (inner.IsUnderPressure())
        {
            // Flow control must not stall: a full cache purges whatever no consumer stands on.
            Unpin();
        }
        else if (_oldAdds.Count == 0)
        {
            return false;
        }
        else if (_youngAdds.TryPeek(out var youngest))
        {
            Pin(youngest.First, now);
        }
        else
        {
            Unpin();
        }

        if (!inner.TryPurgeFromCache(out purgedItems))
        {
            return false;
        }

        // Batches whose delivery failed are purged without being listed; the records up to the last listed go.
        if (purgedItems.Count > 0)
        {
            var last = purgedItems[^1].SequenceToken;
            Forget(_oldAdds, last);
            Forget(_youngAdds, last);
        }

        return true;
    }

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => Wrap(streamId, inner.GetCacheCursor(streamId, token));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        Wrap(streamId, ((IQueueCache)inner).TryGetCacheCursor(streamId, token));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        Wrap(streamId, ((IQueueCache)inner).TryGetCacheCursorAtPosition(streamId, startPosition));

    public bool IsUnderPressure() => inner.IsUnderPressure();

    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow) =>
        ((IQueueCache)inner).UpdateDeliveryProgress(earliestSubscriptionToken, utcNow);

    /// <summary>
    /// Stands the cache's own cursor on <paramref name="batch"/>, the first of the oldest young add, so that the
    /// inner cache purges only what lies before it. A pin that is merely older than needed is kept for a while
    /// (it holds back more than necessary, never less): moving it walks the cache.
    /// </summary>
    private void Pin(IBatchContainer batch, long now)
    {
        if (ReferenceEquals(batch, _pinned) || (_pin is not null && now - _pinnedAt < _minimumAgeTicks / 8))
        {
            return;
        }

        Unpin();
        var result = ((IQueueCache)inner).TryGetCacheCursor(batch.StreamId, batch.SequenceToken);
        if (result is { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor })
        {
            _pin = cursor;
            _pinned = batch;
            _pinnedAt = now;
        }
    }

    private static void Forget(Queue<CacheAdd> adds, StreamSequenceToken purgedUpTo)
    {
        while (adds.TryPeek(out var add) && add.LastToken.CompareTo(purgedUpTo) <= 0)
        {
            adds.Dequeue();
        }
    }

    private void Unpin()
    {
        _pin?.Dispose();
        _pin = null;
        _pinned = null;
    }

    private QueueCacheCursorResult<IQueueCacheCursor> Wrap(StreamId streamId, QueueCacheCursorResult<IQueueCacheCursor> result) =>
        result is { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor } ? QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(Wrap(streamId, cursor)) : result;

    private ReseatingQueueCacheCursor Wrap(StreamId streamId, IQueueCacheCursor cursor) =>
        new(cursor, streamId, ((IQueueCache)inner).TryGetCacheCursor, OnReseated);

    private void OnReseated(StreamId streamId, QueueCacheMissException miss)
    {
        instruments.CursorReseated();
        LogCursorReseated(streamId, miss.Requested, miss.Low);
    }

    [LoggerMessage(EventId = 1114, Level = LogLevel.Debug, Message = "The cursor of stream {StreamId} stood at {Requested}, already purged (oldest cached: {Oldest}); it restarts at the stream's new batch.")]
    private partial void LogCursorReseated(StreamId streamId, string? requested, string? oldest);

    private readonly record struct CacheAdd(long Timestamp, IBatchContainer First, StreamSequenceToken LastToken);
}
