namespace OrleansChat.Tests.Grains;

/// <summary>The test classes that share the in-memory cluster (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MemoryChatCluster : ICollectionFixture<MemoryChatClusterFixture>
{
    public const string Name = "chat-memory-cluster";
}
