using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>With <c>Auth:RequireExpiration=false</c> a token without <c>exp</c> is accepted, as the wire contract allows.</summary>
[Trait("Category", "Gateway")]
public sealed class OptionalExpirationTests(OptionalExpirationTests.NoExpiryRequiredGatewayFactory gateway) : IClassFixture<OptionalExpirationTests.NoExpiryRequiredGatewayFactory>
{
    public sealed class NoExpiryRequiredGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Auth:RequireExpiration", "false")];
    }

    [Fact]
    public async Task Connect_TokenWithoutExp_WelcomedAndServed()
    {
        var token = TokenLifetimeTests.Mint(Names.Fresh("bot"), issuer: null, audience: null, expires: null);
        var (client, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, token);
        await using var _ = client;
        Assert.Equal("welcome", WsClient.Type(welcome));
        Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));
    }
}
