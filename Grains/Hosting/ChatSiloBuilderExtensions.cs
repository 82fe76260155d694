using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;

namespace Orleans.Hosting;

/// <summary>Registers the OrleansChat grains on a silo.</summary>
public static class ChatSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the chat grains need: <see cref="TimeProvider.System"/> unless a clock is registered
    /// (the grains read it under the key <see cref="ChatTime.ServiceKey"/>),
    /// <see cref="ChatGrainsOptions"/> (validated on start), the hygiene counters and their per-silo service,
    /// and the message store — Redis-backed when <see cref="ChatGrainsOptions.RedisConnectionString"/> is set or an
    /// <c>IConnectionMultiplexer</c> is registered, in memory otherwise. The host itself configures clustering,
    /// the grain storages <see cref="OrleansChat.ChatStreams.PubSubStoreName"/> and <see cref="OrleansChat.ChatStreams.StateStoreName"/>,
    /// and the stream provider <see cref="OrleansChat.ChatStreams.ProviderName"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Changes to the default options.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddChatGrains(this ISiloBuilder builder, Action<ChatGrainsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        // Orleans resolves any unregistered key to the default clock; registering ours explicitly keeps that
        // true for hosts whose container has no catch-all registration.
        services.TryAddKeyedSingleton<TimeProvider>(ChatTime.ServiceKey, static (sp, _) => sp.GetRequiredService<TimeProvider>());

        var options = services.AddOptions<ChatGrainsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatGrainsOptions>, ChatGrainsOptionsValidator>());

        // Idle grains are collected after IdleDeactivation instead of Orleans' default age.
        services.AddOptions<GrainCollectionOptions>().Configure<IOptions<ChatGrainsOptions>>((collection, chat) =>
        {
            collection.ClassSpecificCollectionAge[typeof(ChatUserGrain).FullName!] = chat.Value.IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(ChatRoomGrain).FullName!] = chat.Value.IdleDeactivation;
        });

        services.TryAddSingleton<ChatHygieneCounters>();
        services.TryAddSingleton<ChatHygieneServiceClient>();
        builder.AddGrainService<ChatHygieneService>();
        services.TryAddSingleton<IMessageStore>(MessageStoreFactory.Create);
        services.TryAddSingleton<IRoomEventPublisher, StreamRoomEventPublisher>();
        return builder;
    }
}
