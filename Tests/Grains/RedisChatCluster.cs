namespace OrleansChat.Tests.Grains;

/// <summary>The test classes that share the Redis-backed cluster (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class RedisChatCluster : ICollectionFixture<RedisChatClusterFixture>
{
    public const string Name = "chat-redis-cluster";
}
