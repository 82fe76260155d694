namespace OrleansChat.Tests.Grains;

[Trait("Category", "Redis")]
[Collection(RedisChatCluster.Name)]
public sealed class RedisChatUserBehaviourTests(RedisChatClusterFixture fixture) : ChatUserBehaviourTests(fixture);
