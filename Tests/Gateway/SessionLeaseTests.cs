using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The gateway's one renewal timer keeps local sessions alive past their lease, opens again a session the cluster
/// lost while its connection is open, and closes the connection only when that fails.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class SessionLeaseTests(SessionLeaseTests.ShortLeaseGatewayFactory gateway) : IClassFixture<SessionLeaseTests.ShortLeaseGatewayFactory>
{
    /// <summary>Leases of 3 s renewed every 500 ms; at most 2 sessions per user.</summary>
    public sealed class ShortLeaseGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Chat:MaxSessionsPerUser", "2"),
            new("Chat:SessionLeaseDuration", "00:00:03"),
            new("Chat:LeaseCheckInterval", "00:00:00.500"),
            new("Gateway:LeaseRenewalInterval", "00:00:00.500"),
        ];
    }

    [Fact]
    public async Task Renewal_KeepsLiveSessionsAndReopensOnesTheClusterLost()
    {
        var user = Names.Fresh("lease");
        var room = Names.Fresh("room");
        var (kept, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        var (lost, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _kept = kept;
        await using var _lost = lost;
        await kept.CommandAsync(new { type = "join", room });

        // The cluster forgets one session behind the gateway's back (as when its user grain dies with a silo):
        // the next renewal finds it gone and opens it again, and the connection goes on as if nothing happened.
        var grain = gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IChatUserGrain>(user);
        var lostSession = welcome.GetProperty("session").GetString()!;
        var reopenedBefore = gateway.Counters.SessionsReopened;
        await grain.CloseSessionAsync(lostSession);
        await Eventually.TrueAsync(() => gateway.Counters.SessionsReopened > reopenedBefore, "the gateway to open the lost session again");
        Assert.Empty(await grain.RenewSessionsAsync([lostSession]));
        Assert.Equal("ack", WsClient.Type(await lost.CommandAsync(new { type = "send", room, text = "still here" })));
        Assert.Equal("still here", (await lost.NextOfTypeAsync("message")).GetProperty("text").GetString());

        // Rounds spanning well over two leases (3 s): both sessions are still open in the cluster.
        var target = gateway.Counters.LeaseRenewalRounds + 14;
        await Eventually.TrueAsync(() => gateway.Counters.LeaseRenewalRounds >= target, "14 more lease renewal rounds (7 s)");
        Assert.Empty(await grain.RenewSessionsAsync([lostSession]));
        Assert.Equal("pong", WsClient.Type(await kept.CommandAsync(new { type = "ping" })));
    }

    [Fact]
    public async Task Renewal_ClosesALostSessionThatCannotBeOpenedAgain()
    {
        var user = Names.Fresh("lease");
        var (kept, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        var (lost, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _kept = kept;
        await using var _lost = lost;

        // The lost session's place is taken before the gateway can open it again (2 sessions per user at most).
        var grain = gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IChatUserGrain>(user);
        var lostSession = welcome.GetProperty("session").GetString()!;
        await Eventually.TrueAsync(
            async () =>
            {
                await grain.CloseSessionAsync(lostSession);
                try
                {
                    await grain.OpenSessionAsync(new SessionDescriptor("taken-elsewhere", "another-gateway"));
                    return true;
                }
                catch (ChatException ex) when (ex.Code == ChatErrorCode.TooLarge)
                {
                    // A renewal round opened the lost session again in between: take it away once more.
                    return false;
                }
            },
            "the lost session's place to be taken");
        await lost.WaitClosedAsync("the gateway to close the session it could not open again");
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, lost.CloseStatus);
        Assert.Equal("session expired", lost.CloseDescription);
        Assert.Equal("pong", WsClient.Type(await kept.CommandAsync(new { type = "ping" })));
        await grain.CloseSessionAsync("taken-elsewhere");
    }
}
