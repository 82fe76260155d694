using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Gateway.Telemetry;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The fan-out lag histograms: a room message that reaches a member is measured once at the member's user
/// grain (<c>orleanschat.user.forward_lag</c>) and once at the gateway's fan-out
/// (<c>orleanschat.gateway.delivery_lag</c>), in milliseconds since its post.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class DeliveryLagMetricsTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task RoomMessage_DeliveredToTwoMembers_RecordsEachHopPerMember()
    {
        var meters = gateway.Services.GetRequiredService<IMeterFactory>();
        using var forwardLag = new MetricCollector<double>(meters, ChatHygieneCounters.MeterName, "orleanschat.user.forward_lag");
        using var deliveryLag = new MetricCollector<double>(meters, GatewayMetrics.MeterName, "orleanschat.gateway.delivery_lag");
        var room = Names.Fresh("lag");
        var (alice, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("alice")));
        var (bob, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("bob")));
        await using var _alice = alice;
        await using var _bob = bob;
        await alice.CommandAsync(new { type = "join", room });
        await bob.CommandAsync(new { type = "join", room });

        Assert.Equal("ack", WsClient.Type(await alice.CommandAsync(new { type = "send", room, text = "measured" })));
        foreach (var member in new[] { alice, bob })
        {
            Assert.Equal("measured", (await member.NextOfTypeAsync("message")).GetProperty("text").GetString());
        }

        // Each member's user grain and the gateway's fan-out for that member's stream: two of each.
        await forwardLag.WaitForMeasurementsAsync(2, WsClient.Timeout);
        await deliveryLag.WaitForMeasurementsAsync(2, WsClient.Timeout);
        Assert.All(forwardLag.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, WsClient.Timeout.TotalMilliseconds));
        Assert.All(deliveryLag.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, WsClient.Timeout.TotalMilliseconds));
    }
}
