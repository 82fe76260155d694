using Orleans.Configuration;
using OrleansChat.Hosting;
using StackExchange.Redis;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Configures Orleans for the mode <see cref="GatewayHostingModeResolver"/> picks.</summary>
internal static class OrleansHostingExtensions
{
    /// <summary>How often the embedded silo's pulling agents read the in-memory stream queues.</summary>
    public static readonly TimeSpan EmbeddedStreamPollPeriod = TimeSpan.FromMilliseconds(5);

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
                    silo.AddChatGrains(o => configuration.GetSection(ChatClusterSiloOptions.ChatSectionName).Bind(o));
                });
                break;
            case GatewayHostingMode.EmbeddedRedis:
                // The very silo the Silo host runs (Orleans:*, Redis:ConnectionString, Chat:*), co-hosted.
                var cluster = ChatClusterSiloOptions.FromConfiguration(configuration);
                var validation = new ChatClusterSiloOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, cluster);
                if (validation.Failed)
                {
                    throw new InvalidOperationException($"Invalid cluster settings for the co-hosted silo: {validation.FailureMessage}");
                }

                builder.UseOrleans(silo => silo.ConfigureChatClusterSilo(cluster, configuration));
                break;
            case GatewayHostingMode.Client:
                builder.UseOrleansClient(client =>
                {
                    client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                    client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis!));
                    var streamsSection = configuration.GetSection(ChatClusterSiloOptions.StreamsSectionName);
                    client.AddRedisStreams(ChatStreams.ProviderName, o =>
                    {
                        streamsSection.Bind(o);
                        o.ConnectionString = redis;
                    });
                });
                break;
        }

        return mode;
    }
}
