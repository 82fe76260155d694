using System.Net.WebSockets;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// A connection that sends nothing for the idle timeout is closed with 1000 "idle timeout" and releases everything;
/// the timeout counts from the last frame, so a busy connection stays open.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class IdleTimeoutTests(IdleTimeoutTests.ShortIdleGatewayFactory gateway) : IClassFixture<IdleTimeoutTests.ShortIdleGatewayFactory>
{
    /// <summary>An idle timeout of 3 s (keep-alive pings must be more frequent than that).</summary>
    public sealed class ShortIdleGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:IdleTimeout", "00:00:03"),
            new("Gateway:KeepAliveInterval", "00:00:01"),
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

    [Fact]
    public async Task ActiveConnection_FramesWithinIdleTimeout_StaysOpenPastIt()
    {
        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("busy")));
        await using var _c = client;

        // A ping every 250 ms for 5 s: longer than the idle timeout, never close to 3 s silent.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" }, "a pong while the connection is busy")));
            await pace.WaitForNextTickAsync();
        }

        Assert.False(client.Closed.IsCompleted, $"closed while busy: {client.CloseStatus} {client.CloseDescription}");
        await client.WaitClosedAsync("the idle timeout once the connection falls silent");
        Assert.Equal("idle timeout", client.CloseDescription);
    }
}
