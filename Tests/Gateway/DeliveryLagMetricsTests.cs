using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OrleansChat.Gateway.Telemetry;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The fan-out lag histogram: a room message is measured once per gateway at its fan-out
/// (<c>orleanschat.gateway.delivery_lag</c>, milliseconds since its post), however many local members get it.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class DeliveryLagMetricsTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task RoomMessage_DeliveredToTwoMembers_RecordsOneFanOutForTheGateway()
    {
        var meters = gateway.Services.GetRequiredService<IMeterFactory>();
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

        // One delivery to the gateway, fanned out to both members: one measurement (a ping round trip later,
        // a second one would have been recorded already).
        await deliveryLag.WaitForMeasurementsAsync(1, WsClient.Timeout);
        Assert.Equal("pong", WsClient.Type(await bob.CommandAsync(new { type = "ping" })));
        var measured = Assert.Single(deliveryLag.GetMeasurementSnapshot());
        Assert.InRange(measured.Value, 0, WsClient.Timeout.TotalMilliseconds);
    }
}
