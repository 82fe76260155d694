using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Hosting;
using StackExchange.Redis;

namespace OrleansChat.Grains.Storage;

/// <summary>Chooses the message store from what the host configured.</summary>
internal static class MessageStoreFactory
{
    /// <summary>
    /// Redis when <see cref="ChatGrainsOptions.RedisConnectionString"/> is set (a connection of its own) or an
    /// <see cref="IConnectionMultiplexer"/> is registered (shared); in memory otherwise.
    /// </summary>
    public static IMessageStore Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ChatGrainsOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<RedisMessageStore>>();
        if (options.RedisConnectionString is { } configuration)
        {
            return new RedisMessageStore(configuration, options.RedisKeyPrefix, logger);
        }

        if (services.GetService<IConnectionMultiplexer>() is { } shared)
        {
            return new RedisMessageStore(shared, options.RedisKeyPrefix, logger);
        }

        return new InMemoryMessageStore(services.GetRequiredKeyedService<TimeProvider>(ChatTime.ServiceKey));
    }
}
