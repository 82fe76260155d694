using System.Net.WebSockets;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>A connection that sends nothing for the idle timeout is closed with 1000 "idle timeout" and releases everything.</summary>
[Trait("Category", "Gateway")]
public sealed class IdleTimeoutTests(IdleTimeoutTests.ShortIdleGatewayFactory gateway) : IClassFixture<IdleTimeoutTests.ShortIdleGatewayFactory>
{
    /// <summary>An idle timeout of 1 s (keep-alive pings must be more frequent than that).</summary>
    public sealed class ShortIdleGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:IdleTimeout", "00:00:01"),
            new("Gateway:KeepAliveInterval", "00:00:00.500"),
        ];
    }

    [Fact]
    public async Task SilentConnection_ClosedAfterIdleTimeout()
    {
        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("idle")));
        await using var _c = client;
        await client.WaitClosedAsync("the idle timeout to close a silent connection");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.Equal("idle timeout", client.CloseDescription);
        await Eventually.TrueAsync(() => gateway.Counters.IsIdle, $"the gateway to release the idle connection ({gateway.Counters})");
    }
}
