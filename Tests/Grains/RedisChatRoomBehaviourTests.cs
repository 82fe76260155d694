namespace OrleansChat.Tests.Grains;

[Trait("Category", "Redis")]
[Collection(RedisChatCluster.Name)]
public sealed class RedisChatRoomBehaviourTests(RedisChatClusterFixture fixture) : ChatRoomBehaviourTests(fixture);
