using System.Net;
using Microsoft.Extensions.Configuration;

namespace OrleansChat.Hosting;

/// <summary>
/// How a silo joins the chat cluster through Redis. Read from configuration section <c>Orleans</c>
/// (environment variables <c>Orleans__ClusterId</c>, …) plus <c>Redis:ConnectionString</c>; the same keys
/// for the <c>Silo</c> host and for a gateway that co-hosts a silo.
/// </summary>
public sealed class ChatClusterSiloOptions
{
    /// <summary>Configuration section of the Orleans settings.</summary>
    public const string SectionName = "Orleans";

    /// <summary>Configuration key of the Redis connection string.</summary>
    public const string RedisConnectionStringKey = "Redis:ConnectionString";

    /// <summary>Configuration section bound to the chat grains' options (e.g. <c>Chat:SessionLeaseDuration</c>).</summary>
    public const string ChatSectionName = "Chat";

    /// <summary>
    /// Configuration section bound to the Redis stream provider's options on silos and gateways
    /// (e.g. <c>RedisStreams:BusyReadInterval</c>); the connection string always comes from <see cref="RedisConnectionStringKey"/>.
    /// </summary>
    public const string StreamsSectionName = "RedisStreams";

    /// <summary>Silos and clients with the same cluster id form one cluster. Default <c>orleanschat</c>.</summary>
    public string ClusterId { get; set; } = "orleanschat";

    /// <summary>Stable across deployments: keys grain state and stream keys in Redis. Default <c>orleanschat</c>.</summary>
    public string ServiceId { get; set; } = "orleanschat";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (the gateways) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address other silos and clients use to reach this silo. Default: none, meaning the first
    /// non-loopback IPv4 address of the host (Orleans' own choice); set it to 127.0.0.1 for a
    /// cluster on one machine.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Redis connection string (StackExchange.Redis format). Required: clustering, storage, history and streams use it.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>
    /// How long a graceful stop (SIGTERM) may take to hand over grains and stream queues: the host's
    /// <c>HostOptions.ShutdownTimeout</c>. Default 30 s. Orchestrators must wait longer before SIGKILL.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Initial timeout of the liveness probes between silos (Orleans' <c>ClusterMembershipOptions.ProbeTimeout</c>;
    /// Orleans adapts it per silo between half and four times this value from observed response times, so a slow
    /// but live silo is not declared dead). A killed silo is declared dead after about three missed probes, and
    /// the grains it hosted come back elsewhere only then. Default 2 s: a silo's death is noticed within ~6 s.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a silo keeps a client (a gateway) whose connection dropped before it declares the client gone
    /// (Orleans' <c>SiloMessagingOptions.ClientDropTimeout</c>, 1 minute by default). Once it is gone, the stream
    /// agents remove the client's subscriptions at their next delivery, so a crashed gateway's room subscriptions
    /// disappear from the pub/sub this long after the crash. A gateway cut off for longer finds its rooms through
    /// its quiet-room check and subscribes again. Default 30 s.
    /// </summary>
    public TimeSpan ClientDropTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The parsed <see cref="AdvertisedIPAddress"/>, or null.</summary>
    public IPAddress? ParsedAdvertisedAddress => IPAddress.TryParse(AdvertisedIPAddress, out var address) ? address : null;

    /// <summary>Reads the options from configuration (unset keys keep their defaults).</summary>
    public static ChatClusterSiloOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<ChatClusterSiloOptions>() ?? new ChatClusterSiloOptions();
        options.RedisConnectionString ??= configuration[RedisConnectionStringKey];
        return options;
    }
}
