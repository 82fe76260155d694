using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Connections;

/// <summary>What every <see cref="ChatConnection"/> shares: one instance per gateway.</summary>
internal sealed class ConnectionServices(
    IClusterClient client,
    CommandDispatcher dispatcher,
    DeliveryHub hub,
    SessionRegistry sessions,
    UserRateLimiters rateLimiters,
    GatewayIdentity identity,
    GatewayCounters counters,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    public IClusterClient Client { get; } = client;

    public CommandDispatcher Dispatcher { get; } = dispatcher;

    public DeliveryHub Hub { get; } = hub;

    public SessionRegistry Sessions { get; } = sessions;

    public UserRateLimiters RateLimiters { get; } = rateLimiters;

    public GatewayIdentity Identity { get; } = identity;

    public GatewayCounters Counters { get; } = counters;

    public GatewayMetrics Metrics { get; } = metrics;

    public GatewayOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = loggerFactory.CreateLogger<ChatConnection>();
}
