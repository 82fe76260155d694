namespace OrleansChat.Grains.Hosting;

/// <summary>Settings of the chat grains. Every field has a default that suits a small deployment.</summary>
public sealed class ChatGrainsOptions
{
    /// <summary>How long a session lives without renewal by its gateway. Default: 60 seconds.</summary>
    public TimeSpan SessionLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an online user grain looks for expired session leases. Default: 10 seconds.</summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a room with online members checks whether their user grains' silos have died (and turns those
    /// members offline). Default: 10 seconds.
    /// </summary>
    public TimeSpan PresenceCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most sessions (connections) one user may hold at once. Default: 32.</summary>
    public int MaxSessionsPerUser { get; set; } = 32;

    /// <summary>The most rooms one user may join. Default: 500.</summary>
    public int MaxRoomsPerUser { get; set; } = 500;

    /// <summary>The most members a room accepts; one more join is refused with <c>too_large</c>. Default: 10,000.</summary>
    public int MaxMembersPerRoom { get; set; } = 10_000;

    /// <summary>How many recent client message ids a room (or a DM sender) remembers for dedup. Default: 1,000.</summary>
    public int DedupWindowSize { get; set; } = 1_000;

    /// <summary>How long a client message id is remembered for dedup. Default: 10 minutes.</summary>
    public TimeSpan DedupWindowTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest interval between two typing events of one user in one room. Default: 2 seconds.</summary>
    public TimeSpan TypingThrottle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many of its latest messages a room keeps in memory to answer history without the store. Default: 200.</summary>
    public int HistoryCacheSize { get; set; } = 200;

    /// <summary>How many messages each direct conversation keeps in the message store (oldest trimmed). Default: 1,000.</summary>
    public int DirectHistoryLength { get; set; } = 1_000;

    /// <summary>
    /// How long a direct conversation is kept after its latest message; then it is deleted (a Redis key expiry,
    /// renewed by every message), so conversations nobody uses do not stay in the store forever. 1 minute to
    /// 10 years. Default: 30 days.
    /// </summary>
    public TimeSpan DirectHistoryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long an idle room grain, or a user grain that holds no session, stays activated before
    /// Orleans collects it (must be longer than Orleans' collection quantum, 1 minute by default). Default: 5 minutes.
    /// A user grain whose last session closes deactivates at once regardless.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// StackExchange.Redis configuration string of the message store. When null, the store uses an
    /// <c>IConnectionMultiplexer</c> registered in DI, or keeps messages in memory when there is none. Default: null.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Prefix of every Redis key the message store writes. Default: <c>chat:</c>.</summary>
    public string RedisKeyPrefix { get; set; } = "chat:";

    /// <summary>
    /// How many times a room tries to publish an event before it gives up (the gateways then repair the gap from
    /// the store). Default: 3.
    /// </summary>
    public int PublishAttempts { get; set; } = 3;

    /// <summary>The pause before the second attempt to publish; it grows linearly with each attempt. Default: 100 ms.</summary>
    public TimeSpan PublishRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time allowed to announce offline when a user grain deactivates holding sessions. Default: 5 seconds.</summary>
    public TimeSpan ReleaseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
