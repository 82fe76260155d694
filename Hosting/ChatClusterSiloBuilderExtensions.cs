using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;

namespace OrleansChat.Hosting;

/// <summary>
/// The chat silo on Redis, composed in one place for every host that runs one: the <c>Silo</c> program
/// and a gateway co-hosting a silo with <c>Redis:ConnectionString</c> set.
/// </summary>
public static class ChatClusterSiloBuilderExtensions
{
    /// <summary>
    /// Configures <paramref name="silo"/> from validated <paramref name="options"/>: cluster identity and
    /// endpoints, Redis clustering, the Redis grain storages (<see cref="ChatStreams.PubSubStoreName"/>,
    /// <see cref="ChatStreams.StateStoreName"/>), the Redis stream provider <see cref="ChatStreams.ProviderName"/>
    /// (tuned from the <see cref="ChatClusterSiloOptions.StreamsSectionName"/> section),
    /// the chat grains (options from the <see cref="ChatClusterSiloOptions.ChatSectionName"/> section of
    /// <paramref name="configuration"/>, history in the same Redis) and the host's shutdown timeout.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="options">Validated with <see cref="ChatClusterSiloOptionsValidator"/>.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder ConfigureChatClusterSilo(this ISiloBuilder silo, ChatClusterSiloOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var redis = options.RedisConnectionString
            ?? throw new ArgumentException($"{ChatClusterSiloOptions.RedisConnectionStringKey} is required.", nameof(options));

        // A graceful stop deactivates grains and stops the stream agents, so their queues move to the other silos.
        silo.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        silo.Configure<ClusterMembershipOptions>(membership => membership.ProbeTimeout = options.ProbeTimeout);
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ClientDropTimeout = options.ClientDropTimeout);
        silo.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
            if (options.ParsedAdvertisedAddress is { } address)
            {
                endpoints.AdvertisedIPAddress = address;
            }

            // Listen on every interface: in a container the advertised address is not the only one.
            endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
            endpoints.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
        });

        silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(ChatStreams.PubSubStoreName, storage => storage.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.AddRedisGrainStorage(ChatStreams.StateStoreName, storage => storage.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        var streamsSection = configuration.GetSection(ChatClusterSiloOptions.StreamsSectionName);
        silo.AddRedisStreams(ChatStreams.ProviderName, streams =>
        {
            streamsSection.Bind(streams);
            streams.ConnectionString = redis;
        });
        var chat = configuration.GetSection(ChatClusterSiloOptions.ChatSectionName);
        silo.AddChatGrains(grains =>
        {
            chat.Bind(grains);
            grains.RedisConnectionString = redis;
        });
        return silo;
    }
}
