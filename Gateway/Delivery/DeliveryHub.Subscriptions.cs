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

    private async Task UnsubscribeAsync(RoomFeed feed)
    {
        StreamSubscriptionHandle<ChatEvent> handle;
        try
        {
            handle = await feed.Subscription;
        }
        catch
        {
            // The subscription never existed (already logged); nothing to release.
            return;
        }

        try
        {
            await handle.UnsubscribeAsync();
            Log.Unsubscribed(_logger, feed.RoomId);
        }
        catch (Exception ex)
        {
            // A client's subscriptions are dropped by the cluster once the client is gone; locally it is released either way.
            Log.UnsubscribeFailed(_logger, feed.RoomId, ex);
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
    }
}
