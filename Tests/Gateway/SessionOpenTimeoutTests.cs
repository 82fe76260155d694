using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Grains.Rooms;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>A session open that times out at the gateway does not leave the session open in the cluster.</summary>
[Trait("Category", "Gateway")]
public sealed class SessionOpenTimeoutTests(SessionOpenTimeoutTests.SlowOpenGatewayFactory gateway)
    : IClassFixture<SessionOpenTimeoutTests.SlowOpenGatewayFactory>
{
    /// <summary>Grain calls time out after 1 s; room publishes can be held (<see cref="ControllablePublisher"/>).</summary>
    public sealed class SlowOpenGatewayFactory : GatewayFactory
    {
        internal ControllablePublisher Publisher { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Gateway:CommandTimeout", "00:00:01")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IRoomEventPublisher>(Publisher)));
        }
    }

    [Fact]
    public async Task Connect_OpenTimesOut_SessionClosedOnceTheGrainOpensIt()
    {
        var (user, poster, room) = (Names.Fresh("slowopen"), Names.Fresh("poster"), Names.Fresh("room"));
        var grain = gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IChatUserGrain>(user);
        var (first, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await first.CommandAsync(new { type = "join", room });
        await first.CloseAsync();
        await first.DisposeAsync();
        await Eventually.TrueAsync(async () => !await grain.IsOnlineAsync(), "the user's first session to close");

        // The room grain is stuck publishing a message; the user's next session open announces presence to that
        // room, so the open waits behind it, longer than the gateway's 1 s.
        var (sender, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(poster));
        await using var _sender = sender;
        await sender.CommandAsync(new { type = "join", room });
        await sender.SendTextAsync(System.Text.Json.JsonSerializer.Serialize(new { type = "send", room, text = $"{ControllablePublisher.HoldPrefix}stuck" }));
        await Eventually.TrueAsync(() => gateway.Publisher.Holding == 1, "the room's publish to be held");
        try
        {
            await using var refused = await WsClient.ConnectAsync(gateway.WebSocketUri, gateway.Token(user));
            var error = await refused.NextOfTypeAsync("error");
            Assert.Equal("timeout", error.GetProperty("code").GetString());
            await refused.WaitClosedAsync("the refused connection to close");
            Assert.Equal(WebSocketCloseStatus.InternalServerError, refused.Socket.CloseStatus);
        }
        finally
        {
            gateway.Publisher.ReleaseHeld();
        }

        // The grain then opens the session the gateway gave up on; the gateway's close follows it.
        await Eventually.TrueAsync(
            async () => !await grain.IsOnlineAsync(),
            "the timed-out session to be closed (not held until its lease of 60 s runs out)",
            TimeSpan.FromSeconds(15));
    }
}
