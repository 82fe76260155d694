using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway.Delivery;

/// <summary>
/// A live connection never sees a gap: what the room stream did not bring (a publish lost after the store took
/// the message) is read from the store and delivered in order, after the next message or, in a quiet room, after
/// the quiet-room check. Overload is refused before anything is stored.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GapRepairTests(FaultyPublisherGatewayFactory gateway) : IClassFixture<FaultyPublisherGatewayFactory>
{
    [Fact]
    public async Task LostPublish_MembersStillGetEveryMessageOnceInSeqOrder()
    {
        var room = Names.Fresh("gap");
        var (alice, bob) = await TwoMembersAsync(room);
        await using var _alice = alice;
        await using var _bob = bob;
        var droppedBefore = gateway.Publisher.Dropped;

        foreach (var text in new[] { "one", $"{ControllablePublisher.DropPrefix}two", "three", $"{ControllablePublisher.DropPrefix}four", $"{ControllablePublisher.DropPrefix}five", "six" })
        {
            Assert.Equal("ack", WsClient.Type(await alice.CommandAsync(new { type = "send", room, text })));
        }

        Assert.True(gateway.Publisher.Dropped > droppedBefore, "The test publisher dropped nothing.");
        foreach (var (member, who) in new[] { (alice, "alice"), (bob, "bob") })
        {
            for (var seq = 1; seq <= 6; seq++)
            {
                var message = await member.NextOfTypeAsync("message");
                Assert.True(seq == message.GetProperty("seq").GetInt64(), $"{who} got seq {message.GetProperty("seq")} where {seq} was due: {member.DescribeFrames()}");
            }
        }

        // Nothing twice: a ping's pong comes next.
        Assert.Equal("pong", WsClient.Type(await bob.CommandAsync(new { type = "ping" })));
        Assert.DoesNotContain(bob.AllFrames, f => WsClient.Type(f) == "message" && f.GetProperty("seq").GetInt64() > 6);
    }

    [Fact]
    public async Task LostPublishOfTheLastMessage_QuietRoomIsRepairedWithoutAnotherMessage()
    {
        var room = Names.Fresh("quiet");
        var (alice, bob) = await TwoMembersAsync(room);
        await using var _alice = alice;
        await using var _bob = bob;

        Assert.Equal("ack", WsClient.Type(await alice.CommandAsync(new { type = "send", room, text = "first" })));
        Assert.Equal(1, (await bob.NextOfTypeAsync("message")).GetProperty("seq").GetInt64());
        Assert.Equal("ack", WsClient.Type(await alice.CommandAsync(new { type = "send", room, text = $"{ControllablePublisher.DropPrefix}last" })));

        var repaired = await bob.NextOfTypeAsync("message");
        Assert.Equal(2, repaired.GetProperty("seq").GetInt64());
        Assert.Equal($"{ControllablePublisher.DropPrefix}last", repaired.GetProperty("text").GetString());
    }

    [Fact]
    public async Task CommandsBeyondCapacity_AreRefusedOverloaded_AndNothingIsStoredForThem()
    {
        var room = Names.Fresh("busy");
        var (alice, bob) = await TwoMembersAsync(room);
        await using var _alice = alice;
        await using var _bob = bob;

        // The one slot is taken by a send whose publish is held; the next command finds no room.
        var holding = alice.CommandAsync(new { type = "send", room, text = $"{ControllablePublisher.HoldPrefix}slow" });
        await Eventually.TrueAsync(() => gateway.Services.GetRequiredService<OrleansChat.Gateway.Connections.CommandAdmission>().InFlight == 1, "the held send to take the slot");
        var refused = await bob.CommandAsync(new { type = "send", room, text = "refused", clientMsgId = "r-1" });
        gateway.Publisher.ReleaseHeld();

        Assert.Equal("error", WsClient.Type(refused));
        Assert.Equal("overloaded", refused.GetProperty("code").GetString());
        Assert.Equal("ack", WsClient.Type(await holding));
        var history = await bob.CommandAsync(new { type = "history", room });
        Assert.DoesNotContain(history.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "refused");

        // Retried after the back-off, the same clientMsgId is stored once.
        Assert.Equal("ack", WsClient.Type(await bob.CommandAsync(new { type = "send", room, text = "refused", clientMsgId = "r-1" })));
    }

    [Fact]
    public async Task TwoMembersOnOneGateway_ShareOneRoomSubscription()
    {
        var room = Names.Fresh("shared");
        var hub = gateway.Services.GetRequiredService<DeliveryHub>();
        var feedsBefore = hub.FeedCount;
        var (alice, bob) = await TwoMembersAsync(room);
        await using var _alice = alice;
        await using var _bob = bob;
        Assert.Equal(feedsBefore + 1, hub.FeedCount);
        Assert.Single(await Grains.PubSub.SubscriptionsAsync(gateway.Services.GetRequiredService<IClusterClient>(), ChatStreams.RoomNamespace, room));

        await alice.CloseAsync();
        Assert.Single(await Grains.PubSub.SubscriptionsAsync(gateway.Services.GetRequiredService<IClusterClient>(), ChatStreams.RoomNamespace, room));
        await bob.CloseAsync();
        await Eventually.TrueAsync(
            async () => (await Grains.PubSub.SubscriptionsAsync(gateway.Services.GetRequiredService<IClusterClient>(), ChatStreams.RoomNamespace, room)).Count == 0,
            "the last local member's disconnect to remove the room's subscription");
    }

    private async Task<(WsClient Alice, WsClient Bob)> TwoMembersAsync(string room)
    {
        var (alice, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("alice")));
        var (bob, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("bob")));
        Assert.Equal("ack", WsClient.Type(await alice.CommandAsync(new { type = "join", room })));
        Assert.Equal("ack", WsClient.Type(await bob.CommandAsync(new { type = "join", room })));
        return (alice, bob);
    }
}
