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
