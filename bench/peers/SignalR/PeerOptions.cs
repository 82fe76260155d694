namespace OrleansChat.Bench.SignalRPeer;

/// <summary>Settings of the SignalR peer (configuration section <c>Peer</c>, environment <c>Peer__Redis</c>, …).</summary>
internal sealed class PeerOptions
{
    public const string SectionName = "Peer";
    public const string HubPath = "/chat";
    public const string DefaultRedis = "127.0.0.1:6379,abortConnect=false";
    public const string DefaultKeyPrefix = "signalr-peer";

    /// <summary>StackExchange.Redis configuration string for the backplane and the room counters. Default: <see cref="DefaultRedis"/>.</summary>
    public string Redis { get; set; } = DefaultRedis;

    /// <summary>Prefix of the room counter keys, so runs can share a Redis. Default: <see cref="DefaultKeyPrefix"/>.</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Longest accepted message text, in characters after trimming (as OrleansChat). Default: 4000.</summary>
    public int MaxTextLength { get; set; } = 4000;
}
