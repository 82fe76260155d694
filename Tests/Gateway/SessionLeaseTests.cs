using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The gateway's one renewal timer keeps local sessions alive past their lease and closes the ones the cluster lost.</summary>
[Trait("Category", "Gateway")]
public sealed class SessionLeaseTests(SessionLeaseTests.ShortLeaseGatewayFactory gateway) : IClassFixture<SessionLeaseTests.ShortLeaseGatewayFactory>
{
    /// <summary>Leases of 3 s renewed every 500 ms.</summary>
    public sealed class ShortLeaseGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Chat:SessionLeaseDuration", "00:00:03"),
            new("Chat:LeaseCheckInterval", "00:00:00.500"),
            new("Gateway:LeaseRenewalInterval", "00:00:00.500"),
        ];
    }

    [Fact]
    public async Task Renewal_KeepsLiveSessionsAndClosesLostOnes()
    {
        var user = Names.Fresh("lease");
        var (kept, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        var (lost, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _kept = kept;
        await using var _lost = lost;

        // The cluster forgets one session behind the gateway's back: the next renewal reports it gone.
        var grain = gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IChatUserGrain>(user);
        await grain.CloseSessionAsync(welcome.GetProperty("session").GetString()!);
        await lost.WaitClosedAsync("the gateway to close the session the cluster lost");
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, lost.CloseStatus);
        Assert.Equal("session expired", lost.CloseDescription);

        // Rounds spanning well over two leases (3 s): the other session is still open in the cluster.
        var target = gateway.Counters.LeaseRenewalRounds + 14;
        await Eventually.TrueAsync(() => gateway.Counters.LeaseRenewalRounds >= target, "14 more lease renewal rounds (7 s)");
        Assert.True(await grain.IsOnlineAsync());
        Assert.Equal("pong", WsClient.Type(await kept.CommandAsync(new { type = "ping" })));
    }
}
