using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Configures Orleans for the mode <see cref="GatewayHostingModeResolver"/> picks.</summary>
internal static class OrleansHostingExtensions
{
    /// <summary>How often the embedded silo's pulling agents read the in-memory stream queues.</summary>
    public static readonly TimeSpan EmbeddedStreamPollPeriod = TimeSpan.FromMilliseconds(5);

    /// <summary>The configuration section bound to the chat grains' options in the co-hosted silo (e.g. <c>Chat:SessionLeaseDuration</c>).</summary>
    public const string ChatSectionName = "Chat";

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
                    // The pulling agent polls memory queues every 100 ms by default, which a message pays twice
                    // (room stream, then user stream). Polling an in-process queue is a cheap local call: poll often.
                    silo.AddMemoryStreams(ChatStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent => agent.Configure(
                        options => options.GetQueueMsgsTimerPeriod = EmbeddedStreamPollPeriod)));
                    silo.AddChatGrains(o => configuration.GetSection(ChatSectionName).Bind(o));
                });
                break;
            case GatewayHostingMode.EmbeddedRedis:
                builder.UseOrleans(silo =>
                {
                    silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                    var advertised = configuration["Orleans:AdvertisedIPAddress"];
                    if (IPAddress.TryParse(advertised, out var address))
                    {
                        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: true);
                    }
                    else
                    {
                        silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: true);
                    }

                    silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisGrainStorage(ChatStreams.PubSubStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisGrainStorage(ChatStreams.StateStoreName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    silo.AddRedisStreams(ChatStreams.ProviderName, o => o.ConnectionString = redis);
                    silo.AddChatGrains(o =>
                    {
                        configuration.GetSection(ChatSectionName).Bind(o);
                        o.RedisConnectionString = redis;
                    });
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
