using Orleans.Streaming.RedisStreams.Storage;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>What a read fetches: reclaimed entries first, then (after any due maintenance) new ones.</summary>
internal sealed partial class RedisStreamsReceiver
{
    private async Task<StreamEntry[]> NextEntriesAsync(int count)
    {
        if (_claimMinIdle is { } minIdle)
        {
            var claimed = await _queue.ClaimFromOthersAsync(_consumer, minIdle, count);
            if (claimed.Length > 0)
            {
                _instruments.Reclaimed(claimed.Length);
                LogReclaimed(claimed.Length, _queue.Keys, _consumer);
                return claimed;
            }

            _claimMinIdle = null;
        }

        var now = _timeProvider.GetTimestamp();
        if (now >= _nextMaintenance)
        {
            _nextMaintenance = now + (long)(_options.MaintenanceInterval.TotalSeconds * _timeProvider.TimestampFrequency);
            await MaintainAsync();
        }

        return await _queue.ReadAsync(_consumer, count);
    }

    private async Task MaintainAsync()
    {
        // Claim at the next read whatever a vanished consumer has left pending for long.
        _claimMinIdle = _options.ClaimMinIdleTime;
        try
        {
            var (lag, trimmed) = await _queue.InspectAndTrimAsync(_options.TrimAcknowledged);
            if (lag is { } value)
            {
                _instruments.RecordLag(_queue.Keys.Queue, value);
            }

            if (trimmed > 0)
            {
                LogTrimmed(trimmed, _queue.Keys);
            }
        }
        catch (Exception exception) when (IsRedisFailure(exception) && !RedisStreamQueue.IsMissingGroup(exception))
        {
            _instruments.Error("maintenance");
            LogMaintenanceFailed(_queue.Keys, exception);
        }
    }
}
