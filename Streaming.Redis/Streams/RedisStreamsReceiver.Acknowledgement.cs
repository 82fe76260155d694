using Microsoft.Extensions.Logging;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Acknowledgement. The agent's cache (Orleans' <c>SimpleQueueCache</c>, chosen by this provider's
/// factory) purges batches oldest first, in the order this receiver handed them over, and reports
/// them through <see cref="MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/> —
/// except batches whose delivery Orleans gave up on (<c>MaxEventDeliveryTime</c>), which it drops
/// silently. Acknowledging everything handed over up to the last purged batch therefore also
/// acknowledges those, instead of leaving them pending forever and holding trimming back.
/// </summary>
internal sealed partial class RedisStreamsReceiver
{
    // Acknowledgements that failed (Redis unreachable) are retried at the next read; beyond this many the
    // oldest are dropped from the retry list (counted) and stay pending, held by nothing here, until this
    // consumer claims them back after ClaimMinIdleTime and delivers them again (see ReclaimOrReadAsync).
    private const int MaxUnacknowledged = 100_000;
    private const int AcknowledgeChunk = 1_000;
    private readonly Queue<RedisValue> _unacknowledged = new();

    // Entry ids handed to the agent and not yet purged, in hand-over order; bounded by the agent's
    // cache (it stops reading when full), and hard-capped like the retry list.
    private readonly HandedOverEntries _handedOver = new(MaxUnacknowledged);

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// Called by the agent with the batches it purges from its cache, i.e. once every consumer has
    /// moved past them; only then are their entries acknowledged.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var events = 0;
        string? last = null;
        foreach (var message in messages)
        {
            if (message is RedisStreamBatchContainer { Token: { } token } batch)
            {
                events += batch.Events.Count;
                last = token.EntryId;
            }
        }

        _instruments.Delivered(events);
        if (last is not null && _handedOver.Contains(last))
        {
            var acknowledged = 0;
            string id;
            do
            {
                id = _handedOver.RemoveOldest();
                Acknowledge(id);
                acknowledged++;
            }
            while (id != last);

            if (acknowledged > messages.Count)
            {
                _instruments.Error("delivery");
                LogDeliveryAbandoned(acknowledged - messages.Count, _queue.Keys);
            }
        }
        else
        {
            foreach (var message in messages)
            {
                if (message is RedisStreamBatchContainer { Token: { } token })
                {
                    Acknowledge(token.EntryId);
                }
            }
        }

        try
        {
            await FlushAcknowledgementsAsync();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("acknowledge", exception);
        }
    }

    private void Acknowledge(string entryId)
    {
        if (_unacknowledged.Count >= _maxUnacknowledged)
        {
            _unacknowledged.Dequeue();
            _instruments.Error("acknowledge-dropped");
            LogAcknowledgementDropped(_queue.Keys);
        }

        _unacknowledged.Enqueue(entryId);
    }

    private async Task FlushAcknowledgementsAsync()
    {
        while (_unacknowledged.Count > 0)
        {
            var chunk = new RedisValue[Math.Min(_unacknowledged.Count, AcknowledgeChunk)];
            var i = 0;
            foreach (var id in _unacknowledged)
            {
                if (i == chunk.Length)
                {
                    break;
                }

                chunk[i++] = id;
            }

            await _queue.AcknowledgeAsync(chunk);
            for (var j = 0; j < chunk.Length; j++)
            {
                _unacknowledged.Dequeue();
            }
        }
    }

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Acknowledged {Count} entries of {Queue} whose delivery Orleans gave up on (see the pulling agent's delivery failures).")]
    private partial void LogDeliveryAbandoned(int count, Storage.RedisQueueKeys queue);
}
