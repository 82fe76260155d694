namespace OrleansChat.Tests.Grains;

/// <summary>The embedded variant: memory grain storage, memory streams, in-memory message store.</summary>
public sealed class MemoryChatClusterFixture : ChatClusterFixture
{
    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(ChatStreams.PubSubStoreName);
        silo.AddMemoryGrainStorage(ChatStreams.StateStoreName);
        silo.AddMemoryStreams(ChatStreams.ProviderName);
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(ChatStreams.ProviderName);
}
