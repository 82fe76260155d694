using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streaming.RedisStreams;

namespace Orleans.Hosting;

/// <summary>Registers a Redis Streams persistent stream provider on a silo.</summary>
public static class RedisStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds a persistent stream provider named <paramref name="name"/> on Redis Streams. Explicit
    /// subscriptions also need a grain storage named <c>PubSubStore</c>. The provider lowers the pulling
    /// agent's <see cref="StreamPullingAgentOptions.GetQueueMsgsTimerPeriod"/> to 10 ms (override with
    /// <c>services.Configure&lt;StreamPullingAgentOptions&gt;(name, ...)</c> after this call).
    /// </summary>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<RedisStreamsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRedisStreams(name, options => options.Configure(configure));
    }

    /// <summary>Adds a Redis Streams provider, configuring its options through an <see cref="OptionsBuilder{TOptions}"/> (e.g. to bind configuration).</summary>
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddPersistentStreams(name, RedisStreamsAdapterFactory.Create, configurator =>
        {
            RedisStreamsProviderRegistration.Configure(configurator, configureOptions);
            configurator.ConfigurePullingAgent(agent => agent.Configure(
                options => options.GetQueueMsgsTimerPeriod = RedisStreamsProviderRegistration.DefaultPullingPeriod));
        });
    }
}
