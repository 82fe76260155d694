using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>What silo and client registrations of a Redis Streams provider have in common.</summary>
internal static class RedisStreamsProviderRegistration
{
    /// <summary>
    /// The pulling agent's timer period this provider sets by default (Orleans' own default is 100 ms).
    /// A tick that finds the queue's pump still running costs nothing, and the receiver itself waits
    /// for notifications, so a short period only shortens the gap after the pump stops (e.g. while a
    /// new stream's subscribers are looked up) without adding Redis traffic.
    /// </summary>
    public static readonly TimeSpan DefaultPullingPeriod = TimeSpan.FromMilliseconds(10);

    public static void Configure(IPersistentStreamConfigurator configurator, Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        configurator.Configure<RedisStreamsOptions>(builder =>
        {
            configureOptions(builder);
            builder.ValidateOnStart();
        });
        configurator.ConfigureDelegate(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStreamsOptions>, RedisStreamsOptionsValidator>()));
    }
}
