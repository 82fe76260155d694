using Microsoft.Extensions.Configuration;
using OrleansChat.Gateway.Hosting;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class GatewayHostingModeResolverTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Resolve_Nothing_IsEmbedded() => Assert.Equal(GatewayHostingMode.Embedded, GatewayHostingModeResolver.Resolve(Config()));

    [Fact]
    public void Resolve_RedisOnly_IsEmbeddedRedis() =>
        Assert.Equal(GatewayHostingMode.EmbeddedRedis, GatewayHostingModeResolver.Resolve(Config(("Redis:ConnectionString", "localhost:6379"))));

    [Fact]
    public void Resolve_ClientWithRedis_IsClient() =>
        Assert.Equal(GatewayHostingMode.Client, GatewayHostingModeResolver.Resolve(Config(("Orleans:Mode", "client"), ("Redis:ConnectionString", "localhost:6379"))));

    [Fact]
    public void Resolve_ClientWithoutRedis_FailsClearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GatewayHostingModeResolver.Resolve(Config(("Orleans:Mode", "Client"))));
        Assert.Contains("Redis:ConnectionString", ex.Message);
    }

    [Fact]
    public void Resolve_UnknownMode_FailsClearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => GatewayHostingModeResolver.Resolve(Config(("Orleans:Mode", "Cloud"))));
        Assert.Contains("Orleans:Mode", ex.Message);
    }
}
