using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace OrleansChat.Silo.Hosting;

/// <summary>Composes a cluster silo: Redis clustering, Redis grain storage, the Redis stream provider and the chat grains.</summary>
public static class ChatClusterSiloConfiguration
{
    /// <summary>Configures <paramref name="silo"/> from validated <paramref name="options"/>.</summary>
    public static ISiloBuilder ConfigureChatClusterSilo(this ISiloBuilder silo, SiloHostOptions options)
    {
        var redis = options.RedisConnectionString!;
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            if (options.ParsedAdvertisedAddress is { } address)
            {
                endpoints.AdvertisedIPAddress = address;
            }

            // Listen on every interface: in a container the advertised address is not the only one.
            endpoints.SiloListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, options.SiloPort);
            endpoints.GatewayListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, options.GatewayPort);
        });

        silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(ChatStreams.PubSubStoreName, storage => storage.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(ChatStreams.StateStoreName, storage => storage.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisStreams(ChatStreams.ProviderName, streams => streams.ConnectionString = redis);
        silo.AddChatGrains(grains => grains.RedisConnectionString = redis);
        if (options.DashboardEnabled)
        {
            silo.AddDashboard();
        }

        return silo;
    }
}
