using Xunit.Abstractions;

namespace OrleansChat.Tests.Grains;

[Trait("Category", "Cluster")]
public sealed class MemoryChatHygieneTests(MemoryChatClusterFixture fixture, ITestOutputHelper output)
    : ChatHygieneTests(fixture, output), IClassFixture<MemoryChatClusterFixture>;
