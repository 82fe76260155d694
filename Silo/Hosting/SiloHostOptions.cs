using System.Net;

namespace OrleansChat.Silo.Hosting;

/// <summary>
/// How a cluster silo joins the cluster. Bound from configuration section <c>Orleans</c>
/// (environment variables <c>Orleans__ClusterId</c>, …) plus <c>Redis:ConnectionString</c>.
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>Configuration section of the Orleans settings.</summary>
    public const string SectionName = "Orleans";

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

    /// <summary>Redis connection string (StackExchange.Redis format). Required: clustering, storage and streams use it.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Serve the Orleans Dashboard. Default true.</summary>
    public bool DashboardEnabled { get; set; } = true;

    /// <summary>Port of the Orleans Dashboard (also listened on by this host). Default 8081.</summary>
    public int DashboardPort { get; set; } = 8081;

    /// <summary>How long a graceful shutdown may take to hand over grains and stream queues. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The parsed <see cref="AdvertisedIPAddress"/>, or null.</summary>
    public IPAddress? ParsedAdvertisedAddress => IPAddress.TryParse(AdvertisedIPAddress, out var address) ? address : null;

    /// <summary>Reads the options from configuration.</summary>
    public static SiloHostOptions FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        options.RedisConnectionString ??= configuration["Redis:ConnectionString"];
        var dashboard = configuration.GetSection("Dashboard");
        if (dashboard.Exists())
        {
            options.DashboardEnabled = dashboard.GetValue("Enabled", options.DashboardEnabled);
            options.DashboardPort = dashboard.GetValue("Port", options.DashboardPort);
        }

        return options;
    }
}
