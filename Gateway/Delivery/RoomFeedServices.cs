using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Delivery;

/// <summary>What every <see cref="RoomFeed"/> of a gateway shares, and its way back to the hub.</summary>
internal sealed class RoomFeedServices(
    IClusterClient client,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger logger,
    Action<string, string> memberLeft,
    Action<RoomFeed> resubscribe)
{
    public IClusterClient Client { get; } = client;

    public GatewayMetrics Metrics { get; } = metrics;

    public GatewayOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = logger;

    /// <summary>A member left the room (seen on the room's stream): the hub detaches it here too.</summary>
    public void MemberLeft(string room, string user) => memberLeft(room, user);

    /// <summary>The feed's stream fell silent with messages missing: the hub subscribes it again.</summary>
    public void Resubscribe(RoomFeed feed) => resubscribe(feed);
}
