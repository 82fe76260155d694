using System.Text.Json;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Every row and guarantee of PROTOCOL.md over real WebSockets to a gateway on loopback.</summary>
[Trait("Category", "Gateway")]
public sealed class ProtocolConformanceTests(ConformanceGatewayFactory gateway) : IClassFixture<ConformanceGatewayFactory>
{
    private Task<(WsClient Client, JsonElement Welcome)> ConnectAsync(string user) =>
        WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));

    [Fact]
    public async Task Connect_HeaderOrQueryToken_WelcomeIsFirstFrame()
    {
        var user = Names.Fresh("w");
        await using var viaHeader = await WsClient.ConnectAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var viaQuery = await WsClient.ConnectAsync(gateway.WebSocketUri, gateway.Token(user), viaQuery: true);
        foreach (var client in new[] { viaHeader, viaQuery })
        {
            var welcome = await client.NextAsync("welcome");
            Assert.Equal("welcome", WsClient.Type(welcome));
            Assert.Equal(user, welcome.GetProperty("user").GetString());
            Assert.False(string.IsNullOrEmpty(welcome.GetProperty("session").GetString()));
            Assert.Equal(JsonValueKind.Array, welcome.GetProperty("rooms").ValueKind);
        }

        Assert.NotEqual(
            viaHeader.AllFrames[0].GetProperty("session").GetString(),
            viaQuery.AllFrames[0].GetProperty("session").GetString());
    }

    [Fact]
    public async Task Send_TwoUsers_EverySessionOfEveryMemberGetsMessageInOrder()
    {
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        var (a1, _) = await ConnectAsync(alice);
        var (a2, _) = await ConnectAsync(alice);
        var (b, _) = await ConnectAsync(bob);
        await using var _a1 = a1;
        await using var _a2 = a2;
        await using var _b = b;

        var join = await a1.CommandAsync(new { type = "join", room });
        Assert.Equal("ack", WsClient.Type(join));
        Assert.Equal(0, join.GetProperty("lastSeq").GetInt64());
        Assert.Equal("ack", WsClient.Type(await b.CommandAsync(new { type = "join", room })));

        for (var i = 1; i <= 3; i++)
        {
            var ack = await a1.CommandAsync(new { type = "send", room, text = $"  hello {i}  " });
            Assert.Equal("ack", WsClient.Type(ack));
            Assert.Equal(room, ack.GetProperty("room").GetString());
            Assert.Equal(i, ack.GetProperty("seq").GetInt64());
            Assert.False(string.IsNullOrEmpty(ack.GetProperty("messageId").GetString()));
            Assert.EndsWith("Z", ack.GetProperty("sentAt").GetString());
        }

        foreach (var client in new[] { a1, a2, b })
        {
            for (var i = 1; i <= 3; i++)
            {
                var message = await client.NextOfTypeAsync("message", f => f.GetProperty("room").GetString() == room);
                Assert.True(i == message.GetProperty("seq").GetInt64(), $"Expected seq {i} next, got {message.GetProperty("seq").GetInt64()}. Frames received: {client.DescribeFrames()}");
                Assert.Equal($"hello {i}", message.GetProperty("text").GetString());
                Assert.Equal(alice, message.GetProperty("from").GetString());
                Assert.True(DateTimeOffset.TryParse(message.GetProperty("sentAt").GetString(), out _));
            }
        }
    }

    [Fact]
    public async Task Send_SameClientMsgId_ReturnsFirstAckAndStoresOnce()
    {
        var (user, room) = (Names.Fresh("dedup"), Names.Fresh("room"));
        var (client, _) = await ConnectAsync(user);
        await using var _c = client;
        await client.CommandAsync(new { type = "join", room });
        var first = await client.CommandAsync(new { type = "send", room, text = "once", clientMsgId = "m-1" });
        var second = await client.CommandAsync(new { type = "send", room, text = "once", clientMsgId = "m-1" });
        Assert.Equal(first.GetProperty("seq").GetInt64(), second.GetProperty("seq").GetInt64());
        Assert.Equal(first.GetProperty("messageId").GetString(), second.GetProperty("messageId").GetString());
        var history = await client.CommandAsync(new { type = "history", room });
        Assert.Single(history.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Send_NotMember_IsForbiddenWhetherOrNotRoomExists()
    {
        var (owner, stranger, room) = (Names.Fresh("owner"), Names.Fresh("stranger"), Names.Fresh("room"));
        var (o, _) = await ConnectAsync(owner);
        var (s, _) = await ConnectAsync(stranger);
        await using var _o = o;
        await using var _s = s;
        await o.CommandAsync(new { type = "join", room });
        foreach (var target in new[] { room, Names.Fresh("nothing") })
        {
            var error = await s.CommandAsync(new { type = "send", room = target, text = "hi" });
            Assert.Equal("error", WsClient.Type(error));
            Assert.Equal("forbidden", error.GetProperty("code").GetString());
        }

        var history = await s.CommandAsync(new { type = "history", room });
        Assert.Equal("forbidden", history.GetProperty("code").GetString());
        Assert.Equal("pong", WsClient.Type(await s.CommandAsync(new { type = "ping" })));
    }

    [Fact]
    public async Task Leave_MemberGetsNothingMoreFromRoom()
    {
        var (alice, bob, room, other) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"), Names.Fresh("other"));
        var (a, _) = await ConnectAsync(alice);
        var (b, _) = await ConnectAsync(bob);
        await using var _a = a;
        await using var _b = b;
        foreach (var r in new[] { room, other })
        {
            await a.CommandAsync(new { type = "join", room = r });
            await b.CommandAsync(new { type = "join", room = r });
        }

        Assert.Equal("ack", WsClient.Type(await b.CommandAsync(new { type = "leave", room })));
        var left = await a.NextOfTypeAsync("member", f => f.GetProperty("user").GetString() == bob && f.GetProperty("action").GetString() == "left");
        Assert.Equal(room, left.GetProperty("room").GetString());
        await a.CommandAsync(new { type = "send", room, text = "after leave" });
        await a.CommandAsync(new { type = "send", room = other, text = "marker" });
        await b.NextOfTypeAsync("message", f => f.GetProperty("room").GetString() == other);
        Assert.DoesNotContain(b.AllFrames, f => WsClient.Type(f) == "message" && f.GetProperty("room").GetString() == room);
        var rooms = await b.CommandAsync(new { type = "rooms" });
        Assert.Equal([other], rooms.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("room").GetString()));
    }

    [Fact]
    public async Task Dm_DeliveredToEverySessionOfBothUsers()
    {
        var (alice, bob) = (Names.Fresh("alice"), Names.Fresh("bob"));
        var (a, _) = await ConnectAsync(alice);
        var (b1, _) = await ConnectAsync(bob);
        var (b2, _) = await ConnectAsync(bob);
        await using var _a = a;
        await using var _b1 = b1;
        await using var _b2 = b2;
        var ack = await a.CommandAsync(new { type = "dm", to = bob, text = "psst" });
        Assert.Equal("ack", WsClient.Type(ack));
        var messageId = ack.GetProperty("messageId").GetString();
        Assert.False(string.IsNullOrEmpty(ack.GetProperty("sentAt").GetString()));
        foreach (var client in new[] { a, b1, b2 })
        {
            var dm = await client.NextOfTypeAsync("dm");
            Assert.Equal(messageId, dm.GetProperty("messageId").GetString());
            Assert.Equal(alice, dm.GetProperty("from").GetString());
            Assert.Equal(bob, dm.GetProperty("to").GetString());
            Assert.Equal("psst", dm.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Typing_MembersSeeTypingEvent()
    {
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        var (a, _) = await ConnectAsync(alice);
        var (b, _) = await ConnectAsync(bob);
        await using var _a = a;
        await using var _b = b;
        await a.CommandAsync(new { type = "join", room });
        await b.CommandAsync(new { type = "join", room });
        Assert.Equal("ack", WsClient.Type(await a.CommandAsync(new { type = "typing", room })));
        var typing = await b.NextOfTypeAsync("typing");
        Assert.Equal(room, typing.GetProperty("room").GetString());
        Assert.Equal(alice, typing.GetProperty("user").GetString());
    }

    [Fact]
    public async Task History_PagesBeforeAfterAndLimit_Ascending()
    {
        var (user, room) = (Names.Fresh("hist"), Names.Fresh("room"));
        var (c, _) = await ConnectAsync(user);
        await using var _c = c;
        await c.CommandAsync(new { type = "join", room });
        for (var i = 1; i <= 7; i++)
        {
            await c.CommandAsync(new { type = "send", room, text = $"m{i}" });
        }

        static long[] Seqs(JsonElement frame) => [.. frame.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64())];

        var latest = await c.CommandAsync(new { type = "history", room, limit = 3 });
        Assert.Equal("history", WsClient.Type(latest));
        Assert.Equal(room, latest.GetProperty("room").GetString());
        Assert.Equal([5L, 6, 7], Seqs(latest));
        Assert.Equal<long[]>([2L, 3, 4], Seqs(await c.CommandAsync(new { type = "history", room, before = 5, limit = 3 })));
        Assert.Equal<long[]>([1L], Seqs(await c.CommandAsync(new { type = "history", room, before = 2 })));
        Assert.Equal<long[]>([4L, 5, 6, 7], Seqs(await c.CommandAsync(new { type = "history", room, after = 3 })));
        Assert.Equal<long[]>([1L, 2, 3, 4, 5, 6, 7], Seqs(await c.CommandAsync(new { type = "history", room, after = 0, limit = 200 })));
        var message = (await c.CommandAsync(new { type = "history", room, after = 6 })).GetProperty("messages")[0];
        Assert.Equal("m7", message.GetProperty("text").GetString());
        Assert.Equal(user, message.GetProperty("from").GetString());
        Assert.Equal("bad_request", (await c.CommandAsync(new { type = "history", room, before = 3, after = 1 })).GetProperty("code").GetString());
        Assert.Equal("bad_request", (await c.CommandAsync(new { type = "history", room, limit = 201 })).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RoomsAndMembers_ListJoinedRoomsAndOnlineMembers()
    {
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        var (a, welcome) = await ConnectAsync(alice);
        await using var _a = a;
        Assert.Empty(welcome.GetProperty("rooms").EnumerateArray());
        await a.CommandAsync(new { type = "join", room });
        await a.CommandAsync(new { type = "send", room, text = "x" });
        var rooms = await a.CommandAsync(new { type = "rooms" });
        var entry = Assert.Single(rooms.GetProperty("rooms").EnumerateArray());
        Assert.Equal(room, entry.GetProperty("room").GetString());
        Assert.Equal(1, entry.GetProperty("lastSeq").GetInt64());

        var (b, _) = await ConnectAsync(bob);
        await b.CommandAsync(new { type = "join", room });
        var joined = await a.NextOfTypeAsync("member", f => f.GetProperty("user").GetString() == bob);
        Assert.Equal("joined", joined.GetProperty("action").GetString());
        var members = await a.CommandAsync(new { type = "members", room });
        var list = members.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("user").GetString()!, m => m.GetProperty("online").GetBoolean());
        Assert.True(list[alice]);
        Assert.True(list[bob]);

        await b.DisposeAsync();
        var offline = await a.NextOfTypeAsync("presence", f => f.GetProperty("user").GetString() == bob && !f.GetProperty("online").GetBoolean());
        Assert.Equal(room, offline.GetProperty("room").GetString());
        var (b2, _) = await ConnectAsync(bob);
        await using var _b2 = b2;
        var online = await a.NextOfTypeAsync("presence", f => f.GetProperty("user").GetString() == bob && f.GetProperty("online").GetBoolean());
        Assert.Equal(room, online.GetProperty("room").GetString());
    }

    [Fact]
    public async Task Reconnect_HistoryAfterLastSeenFillsTheGap()
    {
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        var (b, _) = await ConnectAsync(bob);
        await using var _b = b;
        var (a, _) = await ConnectAsync(alice);
        await a.CommandAsync(new { type = "join", room });
        await b.CommandAsync(new { type = "join", room });
        await b.CommandAsync(new { type = "send", room, text = "seen" });
        var seen = (await a.NextOfTypeAsync("message")).GetProperty("seq").GetInt64();
        await a.DisposeAsync();

        for (var i = 0; i < 3; i++)
        {
            await b.CommandAsync(new { type = "send", room, text = $"missed {i}" });
        }

        var (again, welcome) = await ConnectAsync(alice);
        await using var _again = again;
        var lastSeq = welcome.GetProperty("rooms").EnumerateArray().Single(r => r.GetProperty("room").GetString() == room).GetProperty("lastSeq").GetInt64();
        Assert.Equal(seen + 3, lastSeq);
        var gap = await again.CommandAsync(new { type = "history", room, after = seen });
        Assert.Equal(
            ["missed 0", "missed 1", "missed 2"],
            gap.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Ping_AnswersPongWithSameId()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("ping"));
        await using var _c = c;
        var pong = await c.CommandAsync(new { type = "ping" });
        Assert.Equal("pong", WsClient.Type(pong));
    }
}
