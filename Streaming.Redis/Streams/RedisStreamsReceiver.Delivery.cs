using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Decoding of entries, dead-lettering and acknowledgement.</summary>
internal sealed partial class RedisStreamsReceiver
{
    // Acknowledgements that failed (Redis unreachable) are retried at the next read; beyond this many
    // the oldest are dropped from the retry list and stay pending until the queue's next owner reclaims them.
    private const int MaxUnacknowledged = 100_000;
    private const int AcknowledgeChunk = 1_000;
    private readonly Queue<RedisValue> _unacknowledged = new();

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// Called by the agent with the batches it purges from its cache, i.e. once every consumer has
    /// moved past them; only then are their entries acknowledged.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var events = 0;
        foreach (var message in messages)
        {
            if (message is RedisStreamBatchContainer { Token: { } token } batch)
            {
                if (_unacknowledged.Count >= MaxUnacknowledged)
                {
                    _unacknowledged.Dequeue();
                    LogAcknowledgementDropped(_queue.Keys);
                }

                _unacknowledged.Enqueue(token.EntryId);
                events += batch.Events.Count;
            }
        }

        _instruments.Delivered(events);
        try
        {
            await FlushAcknowledgementsAsync();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("acknowledge", exception);
        }
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

    private async Task<IList<IBatchContainer>> DecodeAsync(StreamEntry[] entries)
    {
        var batches = new List<IBatchContainer>(entries.Length);
        foreach (var entry in entries)
        {
            RedisStreamBatchContainer batch;
            try
            {
                var payload = entry[RedisStreamQueue.PayloadField];
                if (payload.IsNull)
                {
                    throw new FormatException($"The entry has no '{RedisStreamQueue.PayloadField}' field.");
                }

                batch = _serializer.Deserialize((byte[])payload!)
                    ?? throw new FormatException("The entry's payload decodes to null.");
                batch.Token = RedisStreamSequenceToken.FromEntryId(entry.Id.ToString());
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                await DeadLetterAsync(entry, exception);
                continue;
            }

            batches.Add(batch);
        }

        return batches;
    }

    private async Task DeadLetterAsync(StreamEntry entry, Exception reason)
    {
        _instruments.DeadLettered();
        LogPoisonEntry(entry.Id.ToString(), _queue.Keys, reason);
        try
        {
            await _queue.DeadLetterAsync(entry, $"{reason.GetType().Name}: {reason.Message}");
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // It stays pending with this consumer: the queue's next owner reclaims it and tries again.
            OnFailure("dead-letter", exception);
        }
    }
}
