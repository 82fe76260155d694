using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Reads one queue for the pulling agent that owns it, as one consumer of the queue's group.
/// The agent calls it from a single pump (never concurrently): <see cref="GetQueueMessagesAsync(int, CancellationToken)"/>
/// reads at once when the last read filled its batch (or reclaimed entries), otherwise first waits (asynchronously,
/// cancellable) for a producer notification or <see cref="RedisStreamsOptions.PollInterval"/>.
/// </summary>
internal sealed partial class RedisStreamsReceiver : IQueueAdapterReceiver
{
    private static readonly IList<IBatchContainer> NoBatches = Array.Empty<IBatchContainer>();
    private readonly RedisStreamQueue _queue;
    private readonly Serializer<RedisStreamBatchContainer> _serializer;
    private readonly RedisStreamsOptions _options;
    private readonly RedisStreamsInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly QueueNotificationSignal _signal = new();
    private readonly Action<RedisChannel, RedisValue> _onNotification;
    private readonly Action _onLocalEntries;
    private readonly string _consumer;
    private bool _groupReady;
    private bool _subscribed;
    private bool _waitBeforeRead;

    // With BusyReadInterval set: when the last read found entries but fewer than it asked for (the queue was busy and is now drained).
    private long? _drainedAt;
    private bool _faulted;

    // Set when entries pending with other consumers must be claimed before reading new ones:
    // at once (zero idle) when this receiver takes the queue over, after ClaimMinIdleTime during maintenance.
    private TimeSpan? _claimMinIdle = TimeSpan.Zero;
    private long _nextMaintenance;

    public RedisStreamsReceiver(
        RedisStreamQueue queue,
        Serializer<RedisStreamBatchContainer> serializer,
        RedisStreamsOptions options,
        RedisStreamsInstruments instruments,
        TimeProvider timeProvider,
        ILogger<RedisStreamsReceiver> logger)
    {
        _queue = queue;
        _serializer = serializer;
        _options = options;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _logger = logger;
        _onNotification = (_, _) => _signal.Set();
        _onLocalEntries = _signal.Set;

        // A fresh name per receiver: whatever an earlier owner of the queue left pending is "another consumer's".
        _consumer = $"{Environment.MachineName}-{Guid.NewGuid():N}";
        _nextMaintenance = timeProvider.GetTimestamp();
    }

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureReadyAsync();
            LogStarted(_queue.Keys, _consumer);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // Reads retry the setup; the agent starts pumping regardless.
            OnFailure("initialize", exception);
        }
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var count = maxCount < 0 ? _options.ReadBatchSize : Math.Min(maxCount, _options.ReadBatchSize);
        if (count <= 0)
        {
            return NoBatches;
        }

        // Stay in this call until there is data or a whole poll interval passed without any: the agent
        // ends its pump at the first empty answer and only restarts it at its next timer tick, so an
        // early empty answer adds up to a tick to the next event's latency. A notification can find
        // nothing (its entry was already read by the read before), so a wake-up that reads nothing waits
        // again for what remains of the interval rather than answering.
        long? deadline = null;
        var recreated = false;
        while (true)
        {
            if (_waitBeforeRead)
            {
                deadline ??= _timeProvider.GetTimestamp() + (long)(_options.PollInterval.TotalSeconds * _timeProvider.TimestampFrequency);
                var remaining = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), deadline.Value);
                if (remaining <= TimeSpan.Zero)
                {
                    return NoBatches;
                }

                await _signal.WaitAsync(remaining, _timeProvider, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    return NoBatches;
                }
            }

            if (!await LingerWhileBusyAsync(cancellationToken))
            {
                return NoBatches;
            }

            var (entries, outcome) = await TryReadAsync(count);
            if (entries.Length > 0)
            {
                // A read of new entries that found fewer than it asked for emptied the queue: the next one
                // waits for a notification (one that came meanwhile wakes it at once) instead of reading
                // nothing. Reclaiming, or a full read, goes on at once; so does every read without notifications.
                var drained = _claimMinIdle is null && entries.Length < count;
                _waitBeforeRead = _options.NotificationsEnabled && drained;
                _drainedAt = drained && _options.BusyReadInterval > TimeSpan.Zero ? _timeProvider.GetTimestamp() : null;
                return await DecodeAsync(entries);
            }

            switch (outcome)
            {
                case ReadOutcome.GroupMissing when !recreated:
                    // Recreate the group and read again at once.
                    recreated = true;
                    _waitBeforeRead = false;
                    continue;
                case ReadOutcome.Empty:
                    _waitBeforeRead = true;
                    continue;
                default:
                    _waitBeforeRead = true;
                    return NoBatches;
            }
        }
    }

    /// <summary>
    /// When the last read found entries and emptied the queue, waits until <see cref="RedisStreamsOptions.BusyReadInterval"/>
    /// has passed since it, so that on a busy queue the entries arriving meanwhile are read, cached and handed to the
    /// agent together instead of a few per read; a queue that was idle (or filled its last read) is read at once.
    /// </summary>
    /// <returns><see langword="false"/> when the agent cancelled the read meanwhile.</returns>
    private async Task<bool> LingerWhileBusyAsync(CancellationToken cancellationToken)
    {
        if (_drainedAt is not { } drainedAt)
        {
            return true;
        }

        _drainedAt = null;
        var linger = _options.BusyReadInterval - _timeProvider.GetElapsedTime(drainedAt);
        if (linger <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(linger, _timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<(StreamEntry[] Entries, ReadOutcome Outcome)> TryReadAsync(int count)
    {
        try
        {
            await EnsureReadyAsync();
            await FlushAcknowledgementsAsync();
            var entries = await NextEntriesAsync(count);
            OnHealthy();
            return (entries, ReadOutcome.Empty);
        }
        catch (Exception exception) when (RedisStreamQueue.IsMissingGroup(exception))
        {
            // Redis lost the stream or group (e.g. a restart without persistence): recreate it next time.
            _groupReady = false;
            _claimMinIdle = TimeSpan.Zero;
            LogGroupMissing(_queue.Keys);
            return ([], ReadOutcome.GroupMissing);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("read", exception);
            return ([], ReadOutcome.Failed);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAcknowledgementsAsync();
            if (_subscribed)
            {
                _subscribed = false;
                _queue.DetachLocalReceiver(_onLocalEntries);
                await _queue.UnsubscribeAsync(_onNotification);
            }
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // What stays unacknowledged is reclaimed by the queue's next owner.
            OnFailure("shutdown", exception);
        }
        finally
        {
            _instruments.ForgetLag(_queue.Keys.Queue);
            LogStopped(_queue.Keys, _consumer);
        }
    }

    private async Task EnsureReadyAsync()
    {
        if (_options.NotificationsEnabled && !_subscribed)
        {
            await _queue.SubscribeAsync(_onNotification);
            _queue.AttachLocalReceiver(_onLocalEntries);
            _subscribed = true;
        }

        if (!_groupReady)
        {
            if (await _queue.EnsureGroupAsync())
            {
                LogGroupCreated(_queue.Keys);
            }

            _groupReady = true;
        }
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

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
}
