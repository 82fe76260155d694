using Xunit.Abstractions;

namespace OrleansChat.Tests.Grains;

[Trait("Category", "Redis")]
public sealed class RedisChatHygieneTests(RedisChatClusterFixture fixture, ITestOutputHelper output)
    : ChatHygieneTests(fixture, output), IClassFixture<RedisChatClusterFixture>;
