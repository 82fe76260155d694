using OrleansChat.Hosting;

namespace OrleansChat.Silo.Hosting;

/// <summary>
/// The silo host's settings: how it joins the cluster (<see cref="ChatClusterSiloOptions"/>, section
/// <c>Orleans</c> plus <c>Redis:ConnectionString</c>) and the Orleans Dashboard (section <c>Dashboard</c>).
/// </summary>
public sealed class SiloHostOptions
{
    /// <summary>Cluster identity, endpoints, Redis and the graceful shutdown timeout.</summary>
    public ChatClusterSiloOptions Cluster { get; set; } = new();

    /// <summary>Serve the Orleans Dashboard. Default true.</summary>
    public bool DashboardEnabled { get; set; } = true;

    /// <summary>Port of the Orleans Dashboard (also listened on by this host). Default 8081.</summary>
    public int DashboardPort { get; set; } = 8081;

    /// <summary>
    /// Listen for the dashboard on every interface (<c>Dashboard:Expose</c>) instead of loopback only. The
    /// dashboard has no authentication: expose it only on a private network. Default false.
    /// </summary>
    public bool DashboardExposed { get; set; }

    /// <summary>Reads the options from configuration.</summary>
    public static SiloHostOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new SiloHostOptions { Cluster = ChatClusterSiloOptions.FromConfiguration(configuration) };
        var dashboard = configuration.GetSection("Dashboard");
        if (dashboard.Exists())
        {
            options.DashboardEnabled = dashboard.GetValue("Enabled", options.DashboardEnabled);
            options.DashboardPort = dashboard.GetValue("Port", options.DashboardPort);
            options.DashboardExposed = dashboard.GetValue("Expose", options.DashboardExposed);
        }

        return options;
    }
}
