using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway.Delivery;

/// <summary>
/// Membership is the user's, not the connection's: a join or leave on one device starts or stops the room's
/// delivery to every connection of the user on the gateway.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class MembershipDeliveryTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task JoinOnOneDevice_StartsDeliveryOnTheOther()
    {
        var room = Names.Fresh("room");
        var user = Names.Fresh("alice");
        var (phone, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        var (laptop, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _phone = phone;
        await using var _laptop = laptop;

        Assert.Equal("ack", WsClient.Type(await phone.CommandAsync(new { type = "join", room })));
        var joined = await laptop.NextOfTypeAsync("member");
        Assert.Equal((room, user, "joined"), (joined.GetProperty("room").GetString(), joined.GetProperty("user").GetString(), joined.GetProperty("action").GetString()));

        Assert.Equal("ack", WsClient.Type(await phone.CommandAsync(new { type = "send", room, text = "from the phone" })));
        Assert.Equal("from the phone", (await laptop.NextOfTypeAsync("message")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task LeaveOnOneDevice_StopsDeliveryOnTheOther()
    {
        var room = Names.Fresh("room");
        var user = Names.Fresh("alice");
        var (other, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("bob")));
        var (phone, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        var (laptop, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _other = other;
        await using var _phone = phone;
        await using var _laptop = laptop;
        await other.CommandAsync(new { type = "join", room });
        await phone.CommandAsync(new { type = "join", room });
        await other.CommandAsync(new { type = "send", room, text = "before" });
        Assert.Equal("before", (await laptop.NextOfTypeAsync("message")).GetProperty("text").GetString());

        Assert.Equal("ack", WsClient.Type(await phone.CommandAsync(new { type = "leave", room })));
        await other.CommandAsync(new { type = "send", room, text = "after" });
        Assert.Equal("after", (await other.NextOfTypeAsync("message", m => m.GetProperty("text").GetString() == "after")).GetProperty("text").GetString());

        // A round trip on the laptop later, "after" has not reached it.
        Assert.Equal("pong", WsClient.Type(await laptop.CommandAsync(new { type = "ping" })));
        Assert.DoesNotContain(laptop.AllFrames, f => WsClient.Type(f) == "message" && f.GetProperty("text").GetString() == "after");
        Assert.DoesNotContain(phone.AllFrames, f => WsClient.Type(f) == "message" && f.GetProperty("text").GetString() == "after");
    }

    [Fact]
    public async Task RoomSubscription_LingersBrieflyForTheNextMember_ThenGoes()
    {
        var room = Names.Fresh("linger");
        var cluster = gateway.Services.GetRequiredService<IClusterClient>();
        var (alice, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("alice")));
        await alice.CommandAsync(new { type = "join", room });
        var first = Assert.Single(await Grains.PubSub.SubscriptionsAsync(cluster, ChatStreams.RoomNamespace, room));
        await alice.CloseAsync();
        await alice.DisposeAsync();

        // The next member, moments later, is served by the same subscription: no pub/sub work for churn.
        var (bob, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("bob")));
        await bob.CommandAsync(new { type = "join", room });
        Assert.Equal(first.SubscriptionId, Assert.Single(await Grains.PubSub.SubscriptionsAsync(cluster, ChatStreams.RoomNamespace, room)).SubscriptionId);
        Assert.Equal("ack", WsClient.Type(await bob.CommandAsync(new { type = "send", room, text = "served" })));
        Assert.Equal("served", (await bob.NextOfTypeAsync("message")).GetProperty("text").GetString());
        await bob.CloseAsync();
        await bob.DisposeAsync();

        // With nobody back, it goes once the linger has passed.
        await Eventually.TrueAsync(
            async () => (await Grains.PubSub.SubscriptionsAsync(cluster, ChatStreams.RoomNamespace, room)).Count == 0,
            "the lingering subscription to be removed");
    }

    [Fact]
    public async Task WelcomeAndJoinAck_CarryTheRoomsEpoch_TheMessageIdOfItsSeqOne()
    {
        var room = Names.Fresh("epoch");
        var user = Names.Fresh("alice");
        var (first, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _first = first;
        var emptyJoin = await first.CommandAsync(new { type = "join", room });
        Assert.False(emptyJoin.TryGetProperty("epoch", out _), $"An empty room has no epoch yet: {emptyJoin}");
        var posted = await first.CommandAsync(new { type = "send", room, text = "seq one" });
        var messageId = posted.GetProperty("messageId").GetString();

        Assert.Equal(messageId, (await first.CommandAsync(new { type = "join", room })).GetProperty("epoch").GetString());
        var (second, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _second = second;
        var entry = Assert.Single(welcome.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("room").GetString() == room);
        Assert.Equal(messageId, entry.GetProperty("epoch").GetString());
    }
}
