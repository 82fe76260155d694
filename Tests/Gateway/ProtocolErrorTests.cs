using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Options;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>PROTOCOL.md's refusals: auth, size, binary, malformed frames, ids, rate limit, slow consumer.</summary>
[Trait("Category", "Gateway")]
public sealed class ProtocolErrorTests(ConformanceGatewayFactory gateway) : IClassFixture<ConformanceGatewayFactory>
{
    private Task<(WsClient Client, JsonElement Welcome)> ConnectAsync(string user) =>
        WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));

    public static TheoryData<string> BadTokens() =>
    [
        "none",
        "garbage",
        "wrong-key",
        "expired",
        "bad-subject",
    ];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Connect_MissingBadOrExpiredToken_Refused401WithoutSocket(string kind)
    {
        var options = gateway.Services.GetRequiredService<IOptions<AuthOptions>>();
        string? token = kind switch
        {
            "none" => null,
            "garbage" => "not.a.token",
            "wrong-key" => new TokenIssuer(Microsoft.Extensions.Options.Options.Create(new AuthOptions { SigningKey = new string('x', 40) }), TimeProvider.System).Issue("mallory"),
            "expired" => new TokenIssuer(options, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-3))).Issue("late", TimeSpan.FromHours(1)),
            _ => new TokenIssuer(options, TimeProvider.System).Issue("bad subject!"),
        };
        foreach (var viaQuery in new[] { false, true })
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            var uri = token is not null && viaQuery ? new Uri($"{gateway.WebSocketUri}?access_token={Uri.EscapeDataString(token)}") : gateway.WebSocketUri;
            if (token is not null && !viaQuery)
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }

            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        }
    }

    [Fact]
    public async Task Frame_LargerThanLimit_Closes1009()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("big"));
        await using var _c = c;
        var text = new string('a', 64 * 1024);
        await c.SendTextAsync($$"""{"type":"send","room":"r","text":"{{text}}"}""");
        await c.WaitClosedAsync("close after an oversize frame");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, c.CloseStatus);
    }

    [Fact]
    public async Task Frame_AtTheLimit_IsAnswered()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("edge"));
        await using var _c = c;
        var prefix = "{\"type\":\"ping\",\"id\":\"edge\",\"pad\":\"";
        var padding = new string('p', (64 * 1024) - prefix.Length - 2);
        await c.SendTextAsync(prefix + padding + "\"}");
        var pong = await c.NextAsync("pong to a frame of exactly 64 KiB");
        Assert.True(WsClient.Type(pong) == "pong", pong.ToString());
    }

    [Fact]
    public async Task Frame_Binary_Closes1003()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("bin"));
        await using var _c = c;
        await c.SendBytesAsync(Encoding.UTF8.GetBytes("""{"type":"ping"}"""), WebSocketMessageType.Binary);
        await c.WaitClosedAsync("close after a binary frame");
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, c.CloseStatus);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("""{"id":7,"type":"ping"}""")]
    public async Task Frame_Malformed_ErrorWithoutIdAndConnectionStaysOpen(string frame)
    {
        var (c, _) = await ConnectAsync(Names.Fresh("bad"));
        await using var _c = c;
        await c.SendTextAsync(frame);
        var error = await c.NextAsync("error for a malformed frame");
        Assert.Equal("error", WsClient.Type(error));
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("id", out _));
        Assert.Equal("pong", WsClient.Type(await c.CommandAsync(new { type = "ping" })));
    }

    [Fact]
    public async Task Frame_UnknownTypeOrBadFields_ErrorWithIdAndConnectionStaysOpen()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("unk"));
        await using var _c = c;
        foreach (var command in new object[]
        {
            new { type = "fly" },
            new { type = "join" },
            new { type = "join", room = "no spaces" },
            new { type = "join", room = new string('r', 65) },
            new { type = "send", room = "r", text = "   " },
            new { type = "send", room = "r", text = new string('t', 4001) },
            new { type = "dm", to = 5, text = "x" },
            new { type = "history", room = "r", limit = "ten" },
        })
        {
            var error = await c.CommandAsync(command);
            Assert.Equal("error", WsClient.Type(error));
            Assert.Equal("bad_request", error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        }

        Assert.Equal("pong", WsClient.Type(await c.CommandAsync(new { type = "ping" })));
    }

    [Fact]
    public async Task Frame_IdLongerThan64_BadRequestWithoutId()
    {
        var (c, _) = await ConnectAsync(Names.Fresh("longid"));
        await using var _c = c;
        await c.SendTextAsync(JsonSerializer.Serialize(new { type = "ping", id = new string('i', 65) }));
        var error = await c.NextAsync("error for a long id");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("id", out _));
        await c.SendTextAsync(JsonSerializer.Serialize(new { type = "ping", id = new string('i', 64) }));
        Assert.Equal(new string('i', 64), WsClient.Id(await c.NextAsync("pong with a 64-character id")));
    }

    [Fact]
    public async Task Commands_WithIds_EachGetExactlyOneReply()
    {
        var (user, room) = (Names.Fresh("once"), Names.Fresh("room"));
        var (c, _) = await ConnectAsync(user);
        await using var _c = c;
        string[] frames =
        [
            $$"""{"type":"join","id":"c1","room":"{{room}}"}""",
            $$"""{"type":"send","id":"c2","room":"{{room}}","text":"x"}""",
            $$"""{"type":"typing","id":"c3","room":"{{room}}"}""",
            $$"""{"type":"history","id":"c4","room":"{{room}}"}""",
            """{"type":"rooms","id":"c5"}""",
            $$"""{"type":"members","id":"c6","room":"{{room}}"}""",
            $$"""{"type":"dm","id":"c7","to":"{{user}}","text":"self"}""",
            """{"type":"nope","id":"c8"}""",
            $$"""{"type":"leave","id":"c9","room":"{{room}}"}""",
            """{"type":"ping","id":"c10"}""",
        ];
        foreach (var frame in frames)
        {
            await c.SendTextAsync(frame);
        }

        await c.NextAsync("the reply to the last command", f => WsClient.Id(f) == "c10");
        Assert.Equal("pong", WsClient.Type((await c.CommandAsync(new { type = "ping" }))));
        var replies = c.AllFrames.Where(f => WsClient.Id(f)?.StartsWith('c') == true).GroupBy(f => WsClient.Id(f)!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, replies.Count);
        Assert.All(replies.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Commands_BeyondRateLimit_RateLimitedAndConnectionStaysOpen()
    {
        var user = Names.Fresh("flood");
        var (first, _) = await ConnectAsync(user);
        var (second, _) = await ConnectAsync(user);
        await using var _first = first;
        await using var _second = second;
        const int Count = 400;

        // Both connections of the user draw from one bucket (burst 100, 50/s).
        for (var i = 0; i < Count; i++)
        {
            await (i % 2 == 0 ? first : second).SendTextAsync($$"""{"type":"ping","id":"p{{i}}"}""");
        }

        await first.NextAsync("the reply to the last ping on the first connection", f => WsClient.Id(f) == $"p{Count - 2}");
        await second.NextAsync("the reply to the last ping on the second connection", f => WsClient.Id(f) == $"p{Count - 1}");
        var replies = first.AllFrames.Concat(second.AllFrames).Where(f => WsClient.Id(f)?.StartsWith('p') == true).ToList();
        Assert.Equal(Count, replies.Count);
        Assert.Equal(Count, replies.Select(WsClient.Id).Distinct().Count());
        var limited = replies.Count(f => WsClient.Type(f) == "error" && f.GetProperty("code").GetString() == "rate_limited");
        Assert.InRange(limited, 1, Count - 100);
        Assert.All(replies.Where(f => WsClient.Type(f) == "error"), f => Assert.Equal("rate_limited", f.GetProperty("code").GetString()));

        // The connection stays open and the bucket refills: a later ping is answered with pong.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (WsClient.Type(await first.CommandAsync(new { type = "ping" })) != "pong")
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the rate limit never let a command through again");
        }
    }

    [Fact]
    public async Task SlowConsumer_OutboundQueueOverflow_Closes1008()
    {
        var (user, room) = (Names.Fresh("slow"), Names.Fresh("room"));
        var text = new string('x', 3900);

        // 200 large messages from four users, each well within its own rate limit. They post over the bot
        // API: a member's own socket, with this gateway's 16-frame queue, could itself be closed as a slow
        // consumer by the echoes of its own sends on a busy machine.
        for (var f = 0; f < 4; f++)
        {
            using var filler = await NewMemberOverHttpAsync(room);
            for (var i = 0; i < 50; i++)
            {
                await PostOverHttpAsync(filler, room, text);
            }
        }

        await using var slow = await WsClient.ConnectAsync(gateway.WebSocketUri, gateway.Token(user), autoRead: false);
        var buffer = new byte[256 * 1024];
        using (var cts = new CancellationTokenSource(WsClient.Timeout))
        {
            await slow.Socket.ReceiveAsync(buffer, cts.Token);
        }

        // Ask for far more than the socket buffers hold and never read: the replies fill the queue.
        await slow.SendTextAsync(JsonSerializer.Serialize(new { type = "join", room, id = "j" }));
        for (var i = 0; i < 60; i++)
        {
            await slow.SendTextAsync(JsonSerializer.Serialize(new { type = "history", room, limit = 200, id = $"h{i}" }));
        }

        // Messages pushed to the full queue overflow it: the gateway closes the connection as a slow consumer.
        var closesBefore = gateway.Counters.SlowConsumerCloses;
        using var poster = await NewMemberOverHttpAsync(room);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (gateway.Counters.SlowConsumerCloses == closesBefore)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the gateway never closed the slow consumer");
            await PostOverHttpAsync(poster, room, "push");
        }

        // Only now read: the close frame says why.
        WebSocketReceiveResult result;
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            do
            {
                result = await slow.Socket.ReceiveAsync(buffer, cts.Token);
            }
            while (result.MessageType != WebSocketMessageType.Close);
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
        Assert.Equal("slow consumer", result.CloseStatusDescription);
    }

    /// <summary>A new user who joins <paramref name="room"/> over a WebSocket, disconnects, and posts over the bot API.</summary>
    private async Task<HttpClient> NewMemberOverHttpAsync(string room)
    {
        var user = Names.Fresh("member");
        var (ws, _) = await ConnectAsync(user);
        await using (ws)
        {
            Assert.Equal("ack", WsClient.Type(await ws.CommandAsync(new { type = "join", room })));
        }

        return gateway.HttpClientAs(user);
    }

    private static async Task PostOverHttpAsync(HttpClient member, string room, string text)
    {
        using var response = await member.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text });
        Assert.True(response.IsSuccessStatusCode, $"POST to {room} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
