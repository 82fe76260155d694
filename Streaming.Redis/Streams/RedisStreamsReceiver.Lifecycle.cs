using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Start (subscribing to notifications, creating the consumer group) and stop.</summary>
internal sealed partial class RedisStreamsReceiver
{
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
}
