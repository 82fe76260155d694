using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Keeps batches in Orleans' <see cref="SimpleQueueCache"/> for at least a minimum time before letting it purge.
/// </summary>
/// <remarks>
/// The simple cache purges every batch no cursor stands on. A batch of a stream the agent has just met has no
/// cursor until the handshake with that stream's consumers completes, so under load it could be purged first,
/// and the consumer's cursor then fails with <see cref="QueueCacheMissException"/> and loses the stream's
/// events. Holding purges until the oldest batch is old enough closes that window; what is purged still goes,
/// oldest first, to <c>MessagesDeliveredAsync</c> for acknowledgement.
/// </remarks>
internal sealed class MinimumAgeQueueCache(SimpleQueueCache inner, TimeSpan minimumAge, TimeProvider timeProvider) : IQueueCache
{
    // Add times of the batches still in the inner cache, oldest first, with how many batches each add held.
    private readonly Queue<(long Timestamp, int Count)> _adds = new();

    public int GetMaxAddCount() => inner.GetMaxAddCount();

    public void AddToCache(IList<IBatchContainer> messages)
    {
        inner.AddToCache(messages);
        if (messages.Count > 0)
        {
            _adds.Enqueue((timeProvider.GetTimestamp(), messages.Count));
        }
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        // A full cache purges as before (flow control must not stall); otherwise only once the oldest batch is old enough.
        if (!_adds.TryPeek(out var oldest) || (!inner.IsUnderPressure() && timeProvider.GetElapsedTime(oldest.Timestamp) < minimumAge))
        {
            return false;
        }

        if (!inner.TryPurgeFromCache(out purgedItems))
        {
            return false;
        }

        // The inner cache purges oldest first: forget as many add records' batches as it purged.
        var remaining = purgedItems.Count;
        while (remaining > 0 && _adds.TryDequeue(out var add))
        {
            if (add.Count > remaining)
            {
                _adds.Enqueue((add.Timestamp, add.Count - remaining));
                RotateToFront();
                remaining = 0;
            }
            else
            {
                remaining -= add.Count;
            }
        }

        return true;
    }

    // The agent reaches this through IQueueCache's default TryGetCacheCursor*, exactly as it would reach the inner cache's.
#pragma warning disable CS0618
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => inner.GetCacheCursor(streamId, token);
#pragma warning restore CS0618

    public bool IsUnderPressure() => inner.IsUnderPressure();

    public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow) =>
        ((IQueueCache)inner).UpdateDeliveryProgress(earliestSubscriptionToken, utcNow);

    // Moves the record just enqueued at the back (a partly purged add) to the front, where it belongs.
    private void RotateToFront()
    {
        for (var i = 0; i < _adds.Count - 1; i++)
        {
            _adds.Enqueue(_adds.Dequeue());
        }
    }
}
