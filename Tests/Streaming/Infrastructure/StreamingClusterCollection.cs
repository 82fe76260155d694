namespace OrleansChat.Tests.Streaming.Infrastructure;

/// <summary>
/// The streaming cluster tests run one class at a time (each starts silos, and running them side by
/// side on a small machine only makes every one slower) and share one single-silo cluster.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StreamingClusterCollection : ICollectionFixture<SharedStreamingClusterFixture>
{
    public const string Name = "Redis streaming clusters";
}
