using System.Net.WebSockets;
using System.Text;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The receive loop waits with a zero-byte read and rents a buffer per message, grown as the message needs:
/// fragmented and larger-than-the-first-buffer messages still arrive whole.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class ReceiveBufferTests(ConformanceGatewayFactory gateway) : IClassFixture<ConformanceGatewayFactory>
{
    [Fact]
    public async Task Frame_SplitIntoFragmentsWithEmptyOnes_AnsweredAsOneMessage()
    {
        var (c, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("frag")));
        await using var _c = c;
        var parts = new[] { "", "{\"type\":", "", "\"ping\",\"id\":\"f1\"}" };
        using var cts = new CancellationTokenSource(WsClient.Timeout);
        for (var i = 0; i < parts.Length; i++)
        {
            await c.Socket.SendAsync(Encoding.UTF8.GetBytes(parts[i]), WebSocketMessageType.Text, i == parts.Length - 1, cts.Token);
        }

        var pong = await c.NextAsync("the pong to a fragmented ping", f => WsClient.Id(f) == "f1");
        Assert.Equal("pong", WsClient.Type(pong));
    }

    [Fact]
    public async Task Frame_LargerThanFirstBufferInManyFragments_ArrivesWhole()
    {
        var user = Names.Fresh("big");
        var room = Names.Fresh("big");
        var (c, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _c = c;
        await c.CommandAsync(new { type = "join", room });

        // 3,000 three-byte characters: ~9 KB of UTF-8, more than the 4 KiB a message starts in, sent in
        // 1,000-byte fragments that split characters.
        var text = new string('€', 3000);
        var frame = Encoding.UTF8.GetBytes($$"""{"type":"send","id":"s1","room":"{{room}}","text":"{{text}}"}""");
        using var cts = new CancellationTokenSource(WsClient.Timeout);
        for (var offset = 0; offset < frame.Length; offset += 1000)
        {
            var length = Math.Min(1000, frame.Length - offset);
            await c.Socket.SendAsync(frame.AsMemory(offset, length), WebSocketMessageType.Text, offset + length == frame.Length, cts.Token);
        }

        Assert.Equal("ack", WsClient.Type(await c.NextAsync("the ack of the large send", f => WsClient.Id(f) == "s1")));
        var message = await c.NextOfTypeAsync("message", f => f.GetProperty("room").GetString() == room);
        Assert.Equal(text, message.GetProperty("text").GetString());
    }
}
