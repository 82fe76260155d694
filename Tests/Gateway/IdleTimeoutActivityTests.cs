using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Frames keep a connection alive: the idle timeout counts from the last frame, not from the connect.</summary>
[Trait("Category", "Gateway")]
public sealed class IdleTimeoutActivityTests(IdleTimeoutActivityTests.IdleGatewayFactory gateway) : IClassFixture<IdleTimeoutActivityTests.IdleGatewayFactory>
{
    /// <summary>An idle timeout of 3 s (keep-alive pings must be more frequent than that).</summary>
    public sealed class IdleGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:IdleTimeout", "00:00:03"),
            new("Gateway:KeepAliveInterval", "00:00:01"),
        ];
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
