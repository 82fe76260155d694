using Microsoft.Extensions.Logging;
using Orleans.Streaming.RedisStreams.Storage;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Logging, and the outage bookkeeping that logs a repeated Redis failure once.</summary>
internal sealed partial class RedisStreamsReceiver
{
    private bool _faulted;

    private void OnFailure(string operation, Exception exception)
    {
        _instruments.Error(operation);
        if (!_faulted)
        {
            _faulted = true;
            LogRedisUnavailable(_queue.Keys, operation, exception);
        }
        else
        {
            LogRedisStillUnavailable(_queue.Keys, operation, exception.Message);
        }
    }

    private void OnHealthy()
    {
        if (_faulted)
        {
            _faulted = false;
            LogRedisRecovered(_queue.Keys);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Receiver for {Queue} started as consumer {Consumer}.")]
    private partial void LogStarted(RedisQueueKeys queue, string consumer);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Receiver for {Queue} (consumer {Consumer}) stopped.")]
    private partial void LogStopped(RedisQueueKeys queue, string consumer);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Created consumer group of {Queue}.")]
    private partial void LogGroupCreated(RedisQueueKeys queue);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "The consumer group of {Queue} is missing (Redis lost its data?); recreating it.")]
    private partial void LogGroupMissing(RedisQueueKeys queue);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Reclaimed {Count} entries left pending by other consumers of {Queue}; consumer {Consumer} redelivers them.")]
    private partial void LogReclaimed(int count, RedisQueueKeys queue, string consumer);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Entry {EntryId} of {Queue} cannot be decoded; moving it to the dead-letter stream.")]
    private partial void LogPoisonEntry(string entryId, RedisQueueKeys queue, Exception exception);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Trimmed {Count} acknowledged entries from {Queue}.")]
    private partial void LogTrimmed(long count, RedisQueueKeys queue);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Maintenance (reclaim, trim, lag) of {Queue} failed; retrying at the next interval.")]
    private partial void LogMaintenanceFailed(RedisQueueKeys queue, Exception exception);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Redis is unavailable for {Queue} ({Operation}); retrying quietly until it is back.")]
    private partial void LogRedisUnavailable(RedisQueueKeys queue, string operation, Exception exception);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "Redis is still unavailable for {Queue} ({Operation}): {Reason}")]
    private partial void LogRedisStillUnavailable(RedisQueueKeys queue, string operation, string reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Redis is reachable again for {Queue}; reading resumes.")]
    private partial void LogRedisRecovered(RedisQueueKeys queue);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Too many unacknowledged entries on {Queue}; the oldest is delivered again once idle for ClaimMinIdleTime.")]
    private partial void LogAcknowledgementDropped(RedisQueueKeys queue);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "Reclaimed {Count} entries of {Queue} that consumer {Consumer} held pending after a failed dead-letter, a dropped acknowledgement or a lost read reply; delivering them again.")]
    private partial void LogReclaimedOwn(int count, RedisQueueKeys queue, string consumer);
}
