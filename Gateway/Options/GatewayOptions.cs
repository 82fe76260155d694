namespace OrleansChat.Gateway.Options;

/// <summary>
/// Limits and timings of the WebSocket gateway, bound from the configuration section <c>Gateway</c>.
/// Every value is checked by <see cref="GatewayOptionsValidator"/> at startup.
/// </summary>
internal sealed class GatewayOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Largest WebSocket message accepted, in bytes; a larger one closes the socket with 1009. Default 64 KiB.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Frames that may wait for a slow socket; overflow closes it with 1008 "slow consumer". Default 1024.</summary>
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>Interval of WebSocket ping frames sent by the server. Default 20 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the server waits for the pong of a keep-alive ping before aborting the socket. Default 20 s.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A connection that sends no frame for this long is closed (1001 "idle timeout"). Default 5 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one side of a closing socket waits for the other before aborting it. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Commands per second a user may issue, over all of the user's connections to this gateway. Default 50.</summary>
    public int CommandsPerSecond { get; set; } = 50;

    /// <summary>Commands a user may issue in a burst above the steady rate. Default 100.</summary>
    public int CommandBurst { get; set; } = 100;

    /// <summary>Interval at which the rate limiters are refilled. Default 100 ms.</summary>
    public TimeSpan RateLimitReplenishmentPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Most rate-limit buckets kept, of each kind (commands per user, upgrades per user, upgrades per address), for
    /// users or addresses with nothing in flight (a bucket is kept until it has had time to fill up again, so
    /// reconnecting does not refill it). Beyond it the least recently used idle bucket is dropped early. Default
    /// 100,000 (a few MB per kind).
    /// </summary>
    public int MaxIdleRateLimiters { get; set; } = 100_000;

    /// <summary>WebSocket upgrades per minute a user may make on this gateway, beyond the burst; more get HTTP 429. Default 30.</summary>
    public int ConnectsPerMinutePerUser { get; set; } = 30;

    /// <summary>WebSocket upgrades a user may make in a burst. Default 20.</summary>
    public int ConnectBurstPerUser { get; set; } = 20;

    /// <summary>
    /// WebSocket upgrades per minute from one remote address (an IPv6 /64) beyond the burst; more get HTTP 429.
    /// Loopback peers are not limited. Behind a reverse proxy every client has the proxy's address: raise it, or set
    /// 0 to turn the per-address limit off. Default 1,200.
    /// </summary>
    public int ConnectsPerMinutePerAddress { get; set; } = 1_200;

    /// <summary>WebSocket upgrades from one remote address in a burst. Default 300.</summary>
    public int ConnectBurstPerAddress { get; set; } = 300;

    /// <summary>Interval at which all local session leases are renewed; keep it well below the grains' lease. Default 10 s.</summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many session ids one renewal call carries at most. Default 256.</summary>
    public int LeaseRenewalBatchSize { get; set; } = 256;

    /// <summary>How long one grain call made for a command may take before the command is answered <c>unavailable</c>. Default 15 s.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long <c>/readyz</c> waits for the cluster. Default 3 s.</summary>
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most connections this gateway holds at once; more are refused with HTTP 503. Default 10,000.</summary>
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>
    /// How many lease renewal calls (one per user and batch) run at once, so one slow user grain cannot hold up
    /// the round. Default 16.
    /// </summary>
    public int LeaseRenewalConcurrency { get; set; } = 16;

    /// <summary>
    /// How long a followed room may stay quiet before the gateway asks it for its latest seq (a room whose last
    /// publish was lost is then repaired from the store). Default 10 s.
    /// </summary>
    public TimeSpan QuietRoomCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a room's subscription outlives its last local member, so that a member who reconnects or another
    /// who joins soon after finds it in place instead of paying an unsubscribe and a subscribe to the stream
    /// pub/sub. 0 unsubscribes at once. Default 5 s.
    /// </summary>
    public TimeSpan RoomFeedLinger { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most commands (WebSocket and HTTP) this gateway has in flight to the cluster at once. A command beyond it
    /// waits up to <see cref="OverloadQueueTimeout"/> for room, then is refused with <c>overloaded</c> before
    /// anything is stored. Default 2,000.
    /// </summary>
    public int MaxCommandsInFlight { get; set; } = 2_000;

    /// <summary>How long a command may wait for room under <see cref="MaxCommandsInFlight"/>. Default 250 ms.</summary>
    public TimeSpan OverloadQueueTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) whose pages may open <c>/ws</c>; an upgrade from a browser page of
    /// another origin is refused with 403. Requests without an <c>Origin</c> header (bots, native clients) are
    /// not affected. Default empty: every origin may connect.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
