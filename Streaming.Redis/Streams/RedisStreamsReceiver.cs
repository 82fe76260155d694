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
/// returns at once when the last read found entries, otherwise first waits (asynchronously, cancellable)
/// for a producer notification or <see cref="RedisStreamsOptions.PollInterval"/>.
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
    private readonly string _consumer;
    private bool _groupReady;
    private bool _subscribed;
    private bool _waitBeforeRead;
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

        // A fresh name per receiver: whatever an earlier owner of the queue left pending is "another consumer's".
        _consumer = $"{Environment.MachineName}-{Guid.NewGuid():N}";
        _nextMaintenance = timeProvider.GetTimestamp();
    }

    public string ConsumerName => _consumer;

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

        if (_waitBeforeRead)
        {
            await _signal.WaitAsync(_options.PollInterval, _timeProvider, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return NoBatches;
            }
        }

        StreamEntry[] entries;
        try
        {
            await EnsureReadyAsync();
            await FlushAcknowledgementsAsync();
            entries = await NextEntriesAsync(count);
            OnHealthy();
        }
        catch (Exception exception) when (RedisStreamQueue.IsMissingGroup(exception))
        {
            // Redis lost the stream or group (e.g. a restart without persistence): recreate it next time.
            _groupReady = false;
            _claimMinIdle = TimeSpan.Zero;
            _waitBeforeRead = false;
            LogGroupMissing(_queue.Keys);
            return NoBatches;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            OnFailure("read", exception);
            _waitBeforeRead = true;
            return NoBatches;
        }

        _waitBeforeRead = entries.Length == 0;
        return entries.Length == 0 ? NoBatches : await DecodeAsync(entries);
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
