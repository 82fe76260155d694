using Orleans.Streaming.RedisStreams.Storage;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Maintenance, every <see cref="Orleans.Configuration.RedisStreamsOptions.MaintenanceInterval"/>: reclaim due, trimming, lag.</summary>
internal sealed partial class RedisStreamsReceiver
{
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
