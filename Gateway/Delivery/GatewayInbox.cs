using Orleans.Streams;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// This gateway's own stream (<see cref="ChatStreams.GatewayNamespace"/>, keyed by its id): user grains publish
/// there what concerns one of their users alone, for the gateways that hold the user's sessions. One subscription
/// for the life of the process, made before the first session opens; a user who comes and goes adds nothing to
/// the stream pub/sub.
/// </summary>
internal sealed partial class GatewayInbox(IClusterClient client, GatewayIdentity identity, ILogger<GatewayInbox> logger) : IAsyncObserver<UserEvent>
{
    private readonly Lock _lock = new();
    private DeliveryHub? _hub;
    private Task<StreamSubscriptionHandle<UserEvent>>? _subscription;

    /// <summary>True once the subscription took effect.</summary>
    public bool IsSubscribed => _subscription is { IsCompletedSuccessfully: true };

    public void Attach(DeliveryHub hub) => _hub = hub;

    /// <summary>Subscribes once; a failed attempt is retried by the next caller.</summary>
    public Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        Task<StreamSubscriptionHandle<UserEvent>> subscription;
        lock (_lock)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = SubscribeAsync();
            }

            subscription = _subscription;
        }

        return subscription.WaitAsync(cancellationToken);
    }

    /// <summary>Unsubscribes on shutdown, so a gateway that stops cleanly leaves no subscription behind.</summary>
    public async Task UnsubscribeAsync()
    {
        Task<StreamSubscriptionHandle<UserEvent>>? subscription;
        lock (_lock)
        {
            subscription = _subscription;
            _subscription = null;
        }

        if (subscription is null)
        {
            return;
        }

        try
        {
            await (await subscription).UnsubscribeAsync();
        }
        catch (Exception ex)
        {
            Log.UnsubscribeFailed(logger, identity.GatewayId, ex.GetType().Name, ex.Message);
        }
    }

    public async Task OnNextAsync(UserEvent item, StreamSequenceToken? token = null)
    {
        var hub = _hub!;
        switch (item.Event)
        {
            case MembershipEvent { Joined: true } joined:
                await hub.JoinRoomAsync(item.User, joined.Room, joined.LastSeq);
                hub.DeliverToUser(item.User, FrameSerializer.Event(new MemberEvent(joined.Room, item.User, Joined: true))!);
                break;
            case MembershipEvent left:
                await hub.LeaveRoomAsync(item.User, left.Room);
                break;
            default:
                if (FrameSerializer.Event(item.Event) is { } frame)
                {
                    hub.DeliverToUser(item.User, frame);
                }
                else
                {
                    Log.UnknownEvent(logger, item.Event.GetType().Name);
                }

                break;
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        Log.StreamError(logger, identity.GatewayId, ex);
        return Task.CompletedTask;
    }

    private async Task<StreamSubscriptionHandle<UserEvent>> SubscribeAsync()
    {
        await Task.Yield();
        try
        {
            var handle = await client.GetStreamProvider(ChatStreams.ProviderName)
                .GetStream<UserEvent>(StreamId.Create(ChatStreams.GatewayNamespace, identity.GatewayId))
                .SubscribeAsync(this);
            Log.Subscribed(logger, identity.GatewayId);
            return handle;
        }
        catch (Exception ex)
        {
            Log.SubscribeFailed(logger, identity.GatewayId, ex.GetType().Name, ex.Message);
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Subscribed to this gateway's stream ({GatewayId})")]
        public static partial void Subscribed(ILogger logger, string gatewayId);

        [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Subscribing to this gateway's stream ({GatewayId}) failed: {ErrorType}: {Error}; the next connection retries")]
        public static partial void SubscribeFailed(ILogger logger, string gatewayId, string errorType, string error);

        [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Unsubscribing from this gateway's stream ({GatewayId}) failed: {ErrorType}: {Error}")]
        public static partial void UnsubscribeFailed(ILogger logger, string gatewayId, string errorType, string error);

        [LoggerMessage(EventId = 2023, Level = LogLevel.Warning, Message = "Ignored a user event of unknown type {EventType}")]
        public static partial void UnknownEvent(ILogger logger, string eventType);

        [LoggerMessage(EventId = 2024, Level = LogLevel.Warning, Message = "This gateway's stream ({GatewayId}) reported an error")]
        public static partial void StreamError(ILogger logger, string gatewayId, Exception exception);
    }
}
