using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Decoding of entries and dead-lettering.</summary>
internal sealed partial class RedisStreamsReceiver
{
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
            _handedOver.Add(batch.Token.EntryId);
        }

        return batches;
    }

    private async Task DeadLetterAsync(StreamEntry entry, Exception reason)
    {
        LogPoisonEntry(entry.Id.ToString(), _queue.Keys, reason);
        try
        {
            await _queue.CopyToDeadLetterAsync(entry, $"{reason.GetType().Name}: {reason.Message}");
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // It stays pending with this consumer, which holds it nowhere: once idle for ClaimMinIdleTime,
            // maintenance claims it again for this consumer and it comes back here (ReclaimOrReadAsync).
            OnFailure("dead-letter", exception);
            return;
        }

        _instruments.DeadLettered();

        // Acknowledged like a delivered entry, so a refused XACK is retried rather than copied twice.
        Acknowledge(entry.Id.ToString());
        try
        {
            await FlushAcknowledgementsAsync();
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("acknowledge", exception);
        }
    }
}
