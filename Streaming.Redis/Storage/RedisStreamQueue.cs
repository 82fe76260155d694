using Orleans.Configuration;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>
/// Redis I/O of one queue: a stream key read through one consumer group. Every operation is bounded
/// by <see cref="RedisStreamsOptions.OperationTimeout"/>; failures surface as the Redis exception or
/// <see cref="TimeoutException"/>, which callers wrap or handle.
/// </summary>
internal sealed partial class RedisStreamQueue
{
    /// <summary>The entry field that holds the serialized batch.</summary>
    public const string PayloadField = "b";

    private readonly IDatabase _database;
    private readonly ISubscriber _subscriber;
    private readonly RedisStreamsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CoalescingPublisher _notifications;
    private readonly Lock _localReceiversLock = new();

    // Copied on write, so producers read it without the lock.
    private volatile Action[] _localReceivers = [];

    public RedisStreamQueue(IConnectionMultiplexer multiplexer, RedisQueueKeys keys, RedisStreamsOptions options, TimeProvider timeProvider, Action<Exception>? onNotificationFailed = null)
    {
        _database = multiplexer.GetDatabase();
        _subscriber = multiplexer.GetSubscriber();
        Keys = keys;
        _options = options;
        _timeProvider = timeProvider;
        _notifications = new CoalescingPublisher(
            () => _subscriber.PublishAsync(Keys.Notifications, RedisValue.EmptyString),
            options.BusyReadInterval,
            timeProvider,
            onNotificationFailed);
    }

    public RedisQueueKeys Keys { get; }

    /// <summary>Notifications this process has published for the queue (for tests and diagnostics).</summary>
    public long NotificationsPublished => _notifications.Published;

    /// <summary>XADD the payload (capped by MaxQueueLength when set), then notify the queue's receiver.</summary>
    public async Task<RedisValue> AddAsync(byte[] payload)
    {
        var id = await Bounded(_database.StreamAddAsync(
            Keys.Stream,
            PayloadField,
            payload,
            maxLength: _options.MaxQueueLength.HasValue ? (int)Math.Min(_options.MaxQueueLength.Value, int.MaxValue) : null,
            useApproximateMaxLength: true));

        if (_options.NotificationsEnabled)
        {
            NotifyReceivers();
        }

        return id;
    }

    /// <summary>
    /// Tells <paramref name="onEntriesAdded"/>, the queue's receiver in this process, of the entries this process
    /// adds, in memory and instead of through Redis, until <see cref="DetachLocalReceiver(Action)"/>.
    /// </summary>
    public void AttachLocalReceiver(Action onEntriesAdded)
    {
        lock (_localReceiversLock)
        {
            _localReceivers = [.. _localReceivers, onEntriesAdded];
        }
    }

    public void DetachLocalReceiver(Action onEntriesAdded)
    {
        lock (_localReceiversLock)
        {
            _localReceivers = Array.FindAll(_localReceivers, receiver => receiver != onEntriesAdded);
        }
    }

    private void NotifyReceivers()
    {
        // Called after the XADD completed, so a woken receiver finds the entry. One silo reads a queue: when that
        // is this process, waking its receiver in memory is quicker than a PUBLISH and spares Redis the publish and
        // this process the message coming back. Otherwise the PUBLISH is coalesced, so a burst of entries costs
        // one per BusyReadInterval (or round trip), not one each; the producer never awaits it.
        var local = _localReceivers;
        if (local.Length == 0)
        {
            _notifications.Request();
            return;
        }

        foreach (var onEntriesAdded in local)
        {
            onEntriesAdded();
        }
    }

    /// <summary>Creates the consumer group at the stream's start (and the stream itself when missing).</summary>
    /// <returns><see langword="true"/> when the group was created, <see langword="false"/> when it existed.</returns>
    public async Task<bool> EnsureGroupAsync()
    {
        try
        {
            // At "0", not "$": entries producers added before any receiver existed are read too.
            return await Bounded(_database.StreamCreateConsumerGroupAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, "0", createStream: true));
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>XREADGROUP of entries never delivered to any consumer of the group.</summary>
    public Task<StreamEntry[]> ReadAsync(string consumer, int count) =>
        Bounded(_database.StreamReadGroupAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, consumer, StreamPosition.NewMessages, count));

    /// <summary>XACK the entries; returns how many were still pending.</summary>
    public Task<long> AcknowledgeAsync(RedisValue[] ids) =>
        Bounded(_database.StreamAcknowledgeAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, ids));

    /// <summary>Calls <paramref name="onNotification"/> whenever a producer announces an entry on this queue.</summary>
    public Task SubscribeAsync(Action<RedisChannel, RedisValue> onNotification) =>
        Bounded(_subscriber.SubscribeAsync(Keys.Notifications, onNotification));

    public Task UnsubscribeAsync(Action<RedisChannel, RedisValue> onNotification) =>
        Bounded(_subscriber.UnsubscribeAsync(Keys.Notifications, onNotification));

    /// <summary>True for the server's reply to a read or claim on a group (or stream) that no longer exists.</summary>
    public static bool IsMissingGroup(Exception exception) =>
        exception is RedisServerException server && server.Message.StartsWith("NOGROUP", StringComparison.Ordinal);

    private async Task<T> Bounded<T>(Task<T> operation)
    {
        try
        {
            return await operation.WaitAsync(_options.OperationTimeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            // The command may still complete or fail later; observe it so it cannot surface as unobserved.
            _ = operation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private async Task Bounded(Task operation)
    {
        try
        {
            await operation.WaitAsync(_options.OperationTimeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            _ = operation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }
}
