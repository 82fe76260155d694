namespace OrleansChat.Tests.Grains;

[Trait("Category", "Cluster")]
[Collection(MemoryChatCluster.Name)]
public sealed class MemoryChatRoomBehaviourTests(MemoryChatClusterFixture fixture) : ChatRoomBehaviourTests(fixture);
