using Orleans.Streams;
namespace OrleansChat.Gateway.Delivery;

/// <summary>The room-stream subscriptions: one per followed room, counted in <c>GatewayCounters.RoomSubscriptions</c>.</summary>
internal sealed partial class DeliveryHub
{
    private async Task<StreamSubscriptionHandle<ChatEvent>> SubscribeAsync(RoomFeed feed)
    {
        // Yield so that the subscription never runs inside the caller's lock.
        await Task.Yield();
        StreamSubscriptionHandle<ChatEvent> handle;
        try
        {
            handle = await _client.GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<ChatEvent>(StreamId.Create(ChatStreams.RoomNamespace, feed.RoomId))
                .SubscribeAsync(feed);
        }
        catch (Exception ex)
        {
            // Nothing would reach the members: close their connections, whose clients reconnect and catch up.
            // The next join of the room starts a new feed; this one ends as its members' connections close.
            Log.SubscribeFailed(_logger, feed.RoomId, ex);
            CloseMembers(feed);
            throw;
        }

        _counters.RoomSubscriptionAdded();
        Log.Subscribed(_logger, feed.RoomId);

        // What was stored between the members' lastSeq and the moment the subscription took effect.
        _ = feed.CheckTailAsync(CancellationToken.None);
        return handle;
    }

    /// <summary>Replaces a feed's subscription with a new one (unless the feed was released meanwhile).</summary>
    private async Task ResubscribeAsync(RoomFeed feed)
    {
        Task<StreamSubscriptionHandle<ChatEvent>> previous;
        lock (_lock)
        {
            if (!_feeds.TryGetValue(feed.RoomId, out var current) || !ReferenceEquals(current, feed) || !feed.Subscription.IsCompleted)
            {
                return;
            }

            previous = feed.Subscription;
            feed.Subscription = SubscribeAsync(feed);
        }

        _metrics.FeedResubscribed();
        Log.Resubscribing(_logger, feed.RoomId);
        await ReleaseAsync(feed.RoomId, previous);
    }

    private Task UnsubscribeAsync(RoomFeed feed) => ReleaseAsync(feed.RoomId, feed.Subscription);

    private async Task ReleaseAsync(string room, Task<StreamSubscriptionHandle<ChatEvent>> subscription)
    {
        StreamSubscriptionHandle<ChatEvent> handle;
        try
        {
            handle = await subscription;
        }
        catch
        {
            // The subscription never existed (already logged); nothing to release.
            return;
        }

        try
        {
            await handle.UnsubscribeAsync();
            Log.Unsubscribed(_logger, room);
        }
        catch (Exception ex)
        {
            // A client's subscriptions are dropped by the cluster once the client is gone; locally it is released either way.
            Log.UnsubscribeFailed(_logger, room, ex);
        }
        finally
        {
            _counters.RoomSubscriptionRemoved();
        }
    }

    private void CloseMembers(RoomFeed feed)
    {
        List<LocalUser> members;
        lock (_lock)
        {
            Forget(feed);
            _lingering.Remove(feed);
            members = [.. _users.Values.Where(u => u.Rooms.TryGetValue(feed.RoomId, out var m) && ReferenceEquals(m.Feed, feed))];
        }

        foreach (var user in members)
        {
            user.Close(RoomFeed.GapNotRepairedStatus, "room unavailable");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Subscribed to the stream of room {Room}")]
        public static partial void Subscribed(ILogger logger, string room);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Unsubscribed from the stream of room {Room}")]
        public static partial void Unsubscribed(ILogger logger, string room);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Subscribing to the stream of room {Room} failed; closing its members' connections")]
        public static partial void SubscribeFailed(ILogger logger, string room, Exception exception);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Unsubscribing from the stream of room {Room} failed")]
        public static partial void UnsubscribeFailed(ILogger logger, string room, Exception exception);

        [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "The stream of room {Room} fell silent with messages missing; subscribing again")]
        public static partial void Resubscribing(ILogger logger, string room);
    }
}
