using Orleans.Streams.Core;

namespace OrleansChat.Grains.Users;

/// <summary>The room-stream subscriptions: exactly one per joined room while online, none otherwise.</summary>
internal sealed partial class ChatUserGrain
{
    private IAsyncStream<ChatEvent> GetRoomStream(string room) =>
        this.GetStreamProvider(ChatStreams.ProviderName).GetStream<ChatEvent>(StreamId.Create(ChatStreams.RoomNamespace, room));

    /// <summary>Subscribes to a room's stream unless already subscribed; true when it subscribed now.</summary>
    private async Task<bool> SubscribeAsync(string room)
    {
        if (_subscriptions.ContainsKey(room))
        {
            return false;
        }

        var handle = await GetRoomStream(room).SubscribeAsync(
            (chatEvent, _) => ForwardAsync(room, chatEvent),
            ex => OnRoomStreamErrorAsync(room, ex));
        _subscriptions.Add(room, handle);
        _counters.AddSubscriptions(1);
        return true;
    }

    /// <summary>Removes the room's subscription, if any; a failure is logged (the activation audit retries it).</summary>
    private async Task UnsubscribeAsync(string room)
    {
        if (!_subscriptions.Remove(room, out var handle))
        {
            return;
        }

        _counters.AddSubscriptions(-1);
        try
        {
            await handle.UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            LogUnsubscribeFailed(UserId, room, ex);
        }
    }

    private Task ForwardAsync(string room, ChatEvent chatEvent)
    {
        // Anything already queued for a room just left, or for a user just gone offline, stops here.
        if (!IsOnline || !_subscriptions.ContainsKey(room) || !_state.State.Rooms.Contains(room))
        {
            return Task.CompletedTask;
        }

        if (chatEvent is RoomMessageEvent { Message: var message })
        {
            _deliveryMetrics.RoomMessageArrived(message.SentAt, _timeProvider);
        }

        return UserStream.OnNextAsync(chatEvent);
    }

    /// <summary>
    /// Orleans calls this when a stream item arrives for a subscription this activation holds no handler
    /// for. Every live subscription of this grain has its handler attached before it is registered, so such
    /// a subscription is a zombie: one whose removal a stream agent missed (a subscribe and an unsubscribe
    /// racing its registration as producer), or one left by a crash. Left alone, the agent would deliver to
    /// it, and so wake this grain, for every item of that stream forever. Unregistering it with the pub/sub
    /// also tells every producer of the stream to drop it.
    /// </summary>
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var subscriptionId = handleFactory.SubscriptionId.Guid;
        if (_unknownSubscriptionsRemoved.Count >= MaxUnknownSubscriptionsRemembered)
        {
            _unknownSubscriptionsRemoved.Clear();
        }

        // The agent may deliver a few more items before it hears of the removal: remove it once.
        if (_unknownSubscriptionsRemoved.Add(subscriptionId))
        {
            try
            {
                await handleFactory.Create<ChatEvent>().UnsubscribeAsync();
                _counters.AddUnknownSubscriptionRemoved();
                LogUnknownSubscriptionRemoved(UserId, subscriptionId, handleFactory.StreamId.ToString());
            }
            catch (Exception ex)
            {
                _unknownSubscriptionsRemoved.Remove(subscriptionId);
                LogUnknownSubscriptionRemovalFailed(UserId, subscriptionId, handleFactory.StreamId.ToString(), ex);
            }
        }

        ReleaseIfOffline();
    }

    private Task OnRoomStreamErrorAsync(string room, Exception exception)
    {
        LogRoomStreamError(UserId, room, exception);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A fresh activation holds no session, so any subscription the pub/sub still lists for this grain is
    /// stale (a crash or a failed unsubscribe): remove it before it can wake this grain up again.
    /// </summary>
    private async Task RemoveStaleSubscriptionsAsync()
    {
        foreach (var room in _state.State.Rooms)
        {
            try
            {
                var handles = await GetRoomStream(room).GetAllSubscriptionHandles();
                foreach (var handle in handles)
                {
                    await handle.UnsubscribeAsync();
                }

                if (handles.Count > 0)
                {
                    LogStaleSubscriptionsRemoved(UserId, room, handles.Count);
                }
            }
            catch (Exception ex)
            {
                LogUnsubscribeFailed(UserId, room, ex);
            }
        }
    }
}
