using Orleans.Streams.Core;

namespace OrleansChat.Grains.Users;

/// <summary>
/// What the user grain publishes: events that concern this user alone go to the stream of each gateway that
/// holds one of its sessions (<see cref="ChatStreams.GatewayNamespace"/>), once per gateway. The grain
/// subscribes to nothing; room traffic goes from the room streams to the gateways directly.
/// </summary>
internal sealed partial class ChatUserGrain
{
    /// <summary>Publishes <paramref name="chatEvent"/> for this user to every gateway holding one of its sessions.</summary>
    private Task PublishToGatewaysAsync(ChatEvent chatEvent)
    {
        if (_sessions.Count == 0)
        {
            return Task.CompletedTask;
        }

        var userEvent = new UserEvent(UserId, chatEvent);
        var gateways = _sessions.Values.Select(s => s.Session.GatewayId).Distinct(StringComparer.Ordinal).ToList();
        return gateways.Count == 1
            ? PublishToGatewayAsync(gateways[0], userEvent)
            : Task.WhenAll(gateways.Select(g => PublishToGatewayAsync(g, userEvent)));
    }

    private async Task PublishToGatewayAsync(string gatewayId, UserEvent userEvent)
    {
        try
        {
            await this.GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<UserEvent>(StreamId.Create(ChatStreams.GatewayNamespace, gatewayId))
                .OnNextAsync(userEvent);
        }
        catch (Exception ex)
        {
            // What is published is stored or already applied; the client recovers it (history, rooms, reconnect).
            LogGatewayPublishFailed(UserId, gatewayId, userEvent.Event.GetType().Name, ex);
        }
    }

    /// <summary>
    /// Orleans calls this when a stream item arrives for a subscription this activation holds no handler for.
    /// User grains subscribe to nothing, so every such subscription is a zombie: one left by an older version,
    /// by a crash, or one whose removal a stream agent missed. Left alone, the agent would deliver to it, and so
    /// wake this grain, for every item of that stream forever. Unregistering it with the pub/sub also tells
    /// every producer of the stream to drop it.
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
}
