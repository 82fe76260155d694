using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streaming.RedisStreams;

namespace Orleans.Hosting;

/// <summary>Registers a Redis Streams persistent stream provider on an Orleans client (which produces and subscribes, but never pulls queues).</summary>
public static class RedisStreamsClientBuilderExtensions
{
    /// <summary>Adds a persistent stream provider named <paramref name="name"/> on Redis Streams; use the silos' options.</summary>
    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<RedisStreamsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRedisStreams(name, options => options.Configure(configure));
    }

    /// <summary>Adds a Redis Streams provider, configuring its options through an <see cref="OptionsBuilder{TOptions}"/>.</summary>
    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddPersistentStreams(name, RedisStreamsAdapterFactory.Create, configurator =>
            RedisStreamsProviderRegistration.Configure(configurator, configureOptions));
    }
}
