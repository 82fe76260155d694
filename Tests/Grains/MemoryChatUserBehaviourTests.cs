namespace OrleansChat.Tests.Grains;

[Trait("Category", "Cluster")]
[Collection(MemoryChatCluster.Name)]
public sealed class MemoryChatUserBehaviourTests(MemoryChatClusterFixture fixture) : ChatUserBehaviourTests(fixture);
