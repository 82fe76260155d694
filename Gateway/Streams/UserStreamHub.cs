using Orleans.Streams;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Streams;

/// <summary>
/// Holds at most one subscription to each user's stream (<see cref="ChatStreams.UserNamespace"/>) in this
/// process, shared by all of that user's local connections and reference-counted: the first connection
/// subscribes, the last one to detach unsubscribes. Each event is serialized once and fanned out.
/// </summary>
internal sealed partial class UserStreamHub(IClusterClient client, GatewayCounters counters, GatewayMetrics metrics, ILogger<UserStreamHub> logger)
{
    private readonly Dictionary<string, UserStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Users with a subscription in this process (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="sink"/> to the user's fan-out, subscribing first when it is the user's first connection.</summary>
    /// <returns>The registration; dispose it to detach (the last detach unsubscribes).</returns>
    public async Task<UserStreamRegistration> AttachAsync(string userId, IFrameSink sink, CancellationToken cancellationToken)
    {
        UserStream stream;
        lock (_lock)
        {
            if (!_streams.TryGetValue(userId, out stream!))
            {
                stream = new UserStream(userId, metrics, logger);
                _streams.Add(userId, stream);
                stream.Subscription = SubscribeAsync(stream);
            }

            stream.Add(sink);
        }

        var registration = new UserStreamRegistration(this, stream, sink);
        try
        {
            await stream.Subscription.WaitAsync(cancellationToken);
            return registration;
        }
        catch
        {
            await registration.DisposeAsync();
            throw;
        }
    }

    internal async Task DetachAsync(UserStream stream, IFrameSink sink)
    {
        lock (_lock)
        {
            if (!stream.Remove(sink))
            {
                return;
            }

            if (_streams.TryGetValue(stream.UserId, out var current) && ReferenceEquals(current, stream))
            {
                _streams.Remove(stream.UserId);
            }
        }

        await UnsubscribeAsync(stream);
    }

    private async Task<StreamSubscriptionHandle<ChatEvent>> SubscribeAsync(UserStream stream)
    {
        // Yield so that the subscription never runs inside the caller's lock.
        await Task.Yield();
        var provider = client.GetStreamProvider(ChatStreams.ProviderName);
        var handle = await provider
            .GetStream<ChatEvent>(StreamId.Create(ChatStreams.UserNamespace, stream.UserId))
            .SubscribeAsync(stream);
        counters.SubscriptionAdded();
        Log.Subscribed(logger, stream.UserId);
        return handle;
    }

    private async Task UnsubscribeAsync(UserStream stream)
    {
        StreamSubscriptionHandle<ChatEvent> handle;
        try
        {
            handle = await stream.Subscription;
        }
        catch (Exception ex)
        {
            // The subscription never existed; nothing to release.
            Log.SubscribeFailed(logger, stream.UserId, ex);
            return;
        }

        try
        {
            await handle.UnsubscribeAsync();
            Log.Unsubscribed(logger, stream.UserId);
        }
        catch (Exception ex)
        {
            // The pub/sub entry is cleaned up by the cluster when this client goes; locally it is released either way.
            Log.UnsubscribeFailed(logger, stream.UserId, ex);
        }
        finally
        {
            counters.SubscriptionRemoved();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Subscribed to the stream of user {UserId}")]
        public static partial void Subscribed(ILogger logger, string userId);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Unsubscribed from the stream of user {UserId}")]
        public static partial void Unsubscribed(ILogger logger, string userId);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Subscribing to the stream of user {UserId} failed")]
        public static partial void SubscribeFailed(ILogger logger, string userId, Exception exception);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Unsubscribing from the stream of user {UserId} failed")]
        public static partial void UnsubscribeFailed(ILogger logger, string userId, Exception exception);
    }
}
