using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// An in-memory cluster whose grain state store refuses writes of the state names a test puts in
/// <see cref="FailingWrites"/> (<c>user</c>, <c>room</c>), on every silo.
/// </summary>
public sealed class FaultyStateStoreClusterFixture : ChatClusterFixture
{
    private const string InnerStoreName = "faulty-inner";

    /// <summary>State names whose writes fail while they are in here.</summary>
    public ConcurrentDictionary<string, bool> FailingWrites { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(ChatStreams.PubSubStoreName);
        silo.AddMemoryGrainStorage(InnerStoreName);
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            ChatStreams.StateStoreName,
            (sp, _) => new FaultyGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(InnerStoreName), FailingWrites));
        silo.AddMemoryStreams(ChatStreams.ProviderName);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(ChatStreams.ProviderName);
}
