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
}
