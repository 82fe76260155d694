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
    // One record per non-empty add still (possibly) in the inner cache, oldest first; bounded by the cache size,
    // since every add holds at least one batch and the agent stops adding when the cache is full.
    private readonly Queue<CacheAdd> _adds = new();
    private IQueueCacheCursor? _pin;
    private IBatchContainer? _pinned;

    public int GetMaxAddCount() => inner.GetMaxAddCount();

    public void AddToCache(IList<IBatchContainer> messages)
    {
        inner.AddToCache(messages);
        if (messages.Count > 0)
        {
            _adds.Enqueue(new CacheAdd(timeProvider.GetTimestamp(), messages[0], messages[^1].SequenceToken));
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        if (inner.IsUnderPressure())
        {
            Unpin();
        }
        else if (!PinOldestYoungAdd())
        {
            // The oldest batch is still young: nothing may go.
            return false;
        }

        if (!inner.TryPurgeFromCache(out purgedItems))
        {
            return false;
        }

        // Batches whose delivery failed are purged without being listed; the records up to the last listed go.
        if (purgedItems.Count > 0)
        {
            var last = purgedItems[^1].SequenceToken;
            while (_adds.TryPeek(out var add) && add.LastToken.CompareTo(last) <= 0)
            {
                _adds.Dequeue();
            }
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
    /// Stands the cache's own cursor on the first batch of the oldest add younger than the minimum age (none when
    /// every add is old enough). Returns false when that is the oldest add of all, i.e. nothing is old enough.
    /// </summary>
    private bool PinOldestYoungAdd()
    {
        var first = true;
        foreach (var add in _adds)
        {
            if (timeProvider.GetElapsedTime(add.Timestamp) < minimumAge)
            {
                if (first)
                {
                    return false;
                }

                Pin(add.First);
                return true;
            }

            first = false;
        }

        Unpin();
        return true;
    }

    private void Pin(IBatchContainer batch)
    {
        if (ReferenceEquals(batch, _pinned))
        {
            return;
        }

        Unpin();
        var result = ((IQueueCache)inner).TryGetCacheCursor(batch.StreamId, batch.SequenceToken);
        if (result is { Kind: QueueCacheCursorResultKind.Success, Cursor: { } cursor })
        {
            _pin = cursor;
            _pinned = batch;
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
