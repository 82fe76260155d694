using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Reads one queue for the pulling agent that owns it, as one consumer of the queue's group.
/// The agent calls it from a single pump (never concurrently). <see cref="GetQueueMessagesAsync(int, CancellationToken)"/>
/// is a small state machine (<see cref="ReadState"/>): it reads at once when the last read filled its batch (or
/// reclaimed entries), otherwise first waits (asynchronously, cancellable) for a producer notification or
/// <see cref="RedisStreamsOptions.PollInterval"/>.
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
    private readonly int _maxUnacknowledged;
    private bool _groupReady;
    private bool _subscribed;

    // Where the next step of the read loop begins; a call ends in the state the next call starts from.
    private ReadState _state = ReadState.ReadNow;

    // With BusyReadInterval set: when the last read found entries but fewer than it asked for (the queue was busy and is now drained).
    private long? _drainedAt;

    // Set when entries pending with other consumers must be claimed before reading new ones: at once (zero
    // idle) when this receiver takes the queue over, after ClaimMinIdleTime during maintenance. Own entries
    // this receiver no longer holds are claimed back then too, always after ClaimMinIdleTime.
    private TimeSpan? _claimMinIdle = TimeSpan.Zero;
    private long _nextMaintenance;

    public RedisStreamsReceiver(
        RedisStreamQueue queue,
        Serializer<RedisStreamBatchContainer> serializer,
        RedisStreamsOptions options,
        RedisStreamsInstruments instruments,
        TimeProvider timeProvider,
        ILogger<RedisStreamsReceiver> logger,
        int maxUnacknowledged = MaxUnacknowledged)
    {
        _queue = queue;
        _serializer = serializer;
        _options = options;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _logger = logger;
        _maxUnacknowledged = maxUnacknowledged;
        _onNotification = (_, _) => _signal.Set();
        _onLocalEntries = _signal.Set;

        // A fresh name per receiver: whatever an earlier owner of the queue left pending is "another consumer's".
        _consumer = $"{Environment.MachineName}-{Guid.NewGuid():N}";
        _nextMaintenance = timeProvider.GetTimestamp();
    }

    /// <summary>The steps of the read loop in <see cref="GetQueueMessagesAsync(int, CancellationToken)"/>.</summary>
    private enum ReadState
    {
        /// <summary>Fetch entries now: reclaimed ones first, else (after any due maintenance) new ones.</summary>
        ReadNow,

        /// <summary>
        /// The queue was found empty (or Redis failed): wait for a producer's notification or for the rest of
        /// the call's poll interval, then read; answer the agent with nothing once the interval has passed.
        /// </summary>
        AwaitNotification,

        /// <summary>The last read emptied a busy queue: wait until <see cref="RedisStreamsOptions.BusyReadInterval"/> has passed since it, then read.</summary>
        WaitOutBusyReadInterval,
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <summary>
    /// Runs the read loop until it has entries for the agent, or until a whole poll interval passed without any.
    /// The agent ends its pump at the first empty answer and only restarts it at its next timer tick, so an early
    /// empty answer would add up to a tick to the next event's latency. A notification can find nothing (its entry
    /// was already read by the read before), so a wake-up that reads nothing waits again for what remains of the
    /// interval rather than answering.
    /// </summary>
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var count = maxCount < 0 ? _options.ReadBatchSize : Math.Min(maxCount, _options.ReadBatchSize);
        if (count <= 0)
        {
            return NoBatches;
        }

        long? deadline = null;
        var groupRecreated = false;
        while (true)
        {
            switch (_state)
            {
                case ReadState.AwaitNotification:
                    deadline ??= _timeProvider.GetTimestamp() + (long)(_options.PollInterval.TotalSeconds * _timeProvider.TimestampFrequency);
                    var remaining = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), deadline.Value);
                    if (remaining <= TimeSpan.Zero)
                    {
                        return NoBatches;
                    }

                    // Woken, or the interval passed (then read anyway: a notification may have been lost).
                    await _signal.WaitAsync(remaining, _timeProvider, cancellationToken);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return NoBatches;
                    }

                    _state = _drainedAt is null ? ReadState.ReadNow : ReadState.WaitOutBusyReadInterval;
                    continue;

                case ReadState.WaitOutBusyReadInterval:
                    var linger = _options.BusyReadInterval - _timeProvider.GetElapsedTime(_drainedAt!.Value);
                    _drainedAt = null;
                    if (!await DelayAsync(linger, cancellationToken))
                    {
                        // The agent is stopping. A next call would start where the drain led: waiting for a
                        // notification when there are any, else reading.
                        _state = _options.NotificationsEnabled ? ReadState.AwaitNotification : ReadState.ReadNow;
                        return NoBatches;
                    }

                    _state = ReadState.ReadNow;
                    continue;

                case ReadState.ReadNow:
                    var (entries, outcome) = await FetchAsync(count);
                    switch (outcome)
                    {
                        case FetchOutcome.Fetched:
                            // A read of new entries that found fewer than it asked for emptied the queue: the next
                            // one waits for a notification (one that came meanwhile wakes it at once) instead of
                            // reading nothing, and on a busy queue no sooner than BusyReadInterval after this one.
                            // Reclaiming (a claim still due: maintenance just ran) or a full read goes on at once;
                            // so does every read without notifications, unless it waits out BusyReadInterval.
                            var drained = _claimMinIdle is null && entries.Length < count;
                            _drainedAt = drained && _options.BusyReadInterval > TimeSpan.Zero ? _timeProvider.GetTimestamp() : null;
                            _state = drained && _options.NotificationsEnabled ? ReadState.AwaitNotification
                                : _drainedAt is not null ? ReadState.WaitOutBusyReadInterval
                                : ReadState.ReadNow;
                            return await DecodeAsync(entries);

                        case FetchOutcome.GroupMissing when !groupRecreated:
                            // The fetch recreates the group first; read again at once, once per call.
                            groupRecreated = true;
                            continue;

                        case FetchOutcome.NothingNew:
                            _state = ReadState.AwaitNotification;
                            continue;

                        default:
                            // Redis failed (or the group went missing again): answer now, wait before the next attempt.
                            _state = ReadState.AwaitNotification;
                            return NoBatches;
                    }
            }
        }
    }

    /// <returns><see langword="false"/> when the agent cancelled the read meanwhile.</returns>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One fetch: (re)sets up the group when needed, flushes acknowledgements, then reclaims or reads.</summary>
    private async Task<(StreamEntry[] Entries, FetchOutcome Outcome)> FetchAsync(int count)
    {
        try
        {
            await EnsureReadyAsync();
            await FlushAcknowledgementsAsync();
            var entries = await ReclaimOrReadAsync(count);
            OnHealthy();
            return (entries, entries.Length > 0 ? FetchOutcome.Fetched : FetchOutcome.NothingNew);
        }
        catch (Exception exception) when (RedisStreamQueue.IsMissingGroup(exception))
        {
            // Redis lost the stream or group (e.g. a restart without persistence): recreate it next time.
            _groupReady = false;
            _claimMinIdle = TimeSpan.Zero;
            LogGroupMissing(_queue.Keys);
            return ([], FetchOutcome.GroupMissing);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("read", exception);
            return ([], FetchOutcome.RedisFailed);
        }
    }

    /// <summary>
    /// Reclaimed entries first (while a claim is due: other consumers' entries, then this consumer's own that it no
    /// longer holds), then, after any due maintenance, new ones. Acknowledgements were flushed just before, so every
    /// entry this consumer still holds is one handed to the agent.
    /// </summary>
    private async Task<StreamEntry[]> ReclaimOrReadAsync(int count)
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

            // Then this consumer's own entries that nothing here holds any more (a dead-letter that failed, an
            // acknowledgement dropped past the retry limit, a read whose reply was lost): delivered again, they are
            // dead-lettered or acknowledged this time, instead of holding trimming back for good.
            claimed = await _queue.ClaimOwnAsync(_consumer, _options.ClaimMinIdleTime, count, _handedOver.Contains);
            if (claimed.Length > 0)
            {
                _instruments.Reclaimed(claimed.Length);
                LogReclaimedOwn(claimed.Length, _queue.Keys, _consumer);
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
}
