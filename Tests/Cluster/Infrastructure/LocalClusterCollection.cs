namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>Tests that share one <see cref="LocalCluster"/> (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "Local cluster processes";
}
