using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Configures Orleans for the mode <see cref="GatewayHostingModeResolver"/> picks.</summary>
internal static class OrleansHostingExtensions
{
    public static GatewayHostingMode AddChatOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = GatewayHostingModeResolver.Resolve(configuration);
        var clusterId = configuration["Orleans:ClusterId"] ?? "orleanschat";
        var serviceId = configuration["Orleans:ServiceId"] ?? "orleanschat";
        var siloPort = configuration.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", 30000);
        var redis = configuration[GatewayHostingModeResolver.RedisKey];

        switch (mode)
        {
            case GatewayHostingMode.Embedded:
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                    silo.AddMemoryGrainStorage(ChatStreams.PubSubStoreName);
                    silo.AddMemoryGrainStorage(ChatStreams.StateStoreName);
                    silo.AddMemoryStreams(ChatStreams.ProviderName);
                    silo.AddChatGrains();
                });
                break;
            case GatewayHostingMode.EmbeddedRedis:
                builder.UseOrleans(silo =>
                {
                    silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                    silo.ConfigureEndpoints(siloPort, gatewayPort);
                    silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisGrainStorage(ChatStreams.PubSubStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisGrainStorage(ChatStreams.StateStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisStreams(ChatStreams.ProviderName, o => o.ConnectionString = redis);
                    silo.AddChatGrains(o => o.RedisConnectionString = redis);
                });
                break;
            case GatewayHostingMode.Client:
                builder.UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                    client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    client.AddRedisStreams(ChatStreams.ProviderName, o => o.ConnectionString = redis);
                });
                break;
        }

        return mode;
    }
}
