using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Thousands of random and malformed frames over several connections (seeded, so a failure reproduces):
/// the gateway never crashes, answers every frame it keeps the connection open for, closes with the
/// documented status otherwise, and serves a new connection afterwards.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class HostileInputTests(HostileGatewayFactory gateway) : IClassFixture<HostileGatewayFactory>
{
    private const int Seed = 20261125;
    private const int Connections = 4;
    private const int FramesPerConnection = 600;

    private enum Outcome
    {
        Reply,
        ReplyOrInvalidUtf8Close,
        Close1009,
        Close1003,
    }

    [Fact]
    public async Task RandomAndMalformedFrames_AnsweredOrClosedAsDocumented()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => RunConnectionAsync(c)));
        Assert.Equal(Connections * FramesPerConnection, results.Sum(r => r.Frames));
        Assert.True(results.Sum(r => r.Closes) > 0, "no frame closed a connection: the generator lost its oversize/binary cases");

        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("after")));
        await using var _c = client;
        Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));
        await Eventually.TrueAsync(() => gateway.Counters.OpenConnections == 1, $"only the last connection to remain open ({gateway.Counters})");
    }

    private async Task<(int Frames, int Closes)> RunConnectionAsync(int connection)
    {
        var random = new Random(Seed + connection);
        var token = gateway.Token(Names.Fresh($"hostile{connection}"));
        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, token);
        var closes = 0;
        try
        {
            for (var i = 0; i < FramesPerConnection; i++)
            {
                var (bytes, type, outcome, id) = Generate(random, i);
                var what = $"frame {i} of connection {connection} (seed {Seed + connection}, {outcome}, {Describe(bytes)})";
                await client.SendBytesAsync(bytes, type);
                if (outcome is Outcome.Close1009 or Outcome.Close1003)
                {
                    await client.WaitClosedAsync(what);
                    Assert.Equal(outcome == Outcome.Close1009 ? WebSocketCloseStatus.MessageTooBig : WebSocketCloseStatus.InvalidMessageType, client.CloseStatus);
                }
                else
                {
                    JsonElement reply;
                    try
                    {
                        reply = await client.NextAsync($"the answer to {what}");
                    }
                    catch (InvalidOperationException) when (outcome == Outcome.ReplyOrInvalidUtf8Close)
                    {
                        // The WebSocket layer refuses invalid UTF-8 itself: 1007, or a dropped connection when the
                        // close frame loses the race with the connection's end.
                        Assert.True(client.CloseStatus is null or WebSocketCloseStatus.InvalidPayloadData, $"{what}: closed with {client.CloseStatus}");
                        reply = default;
                    }

                    if (reply.ValueKind != JsonValueKind.Undefined)
                    {
                        Assert.True(WsClient.Id(reply) == id, $"{what}: expected a reply with id '{id}', got {reply}");
                        Assert.DoesNotContain("   at ", reply.ToString());
                        continue;
                    }
                }

                closes++;
                await client.DisposeAsync();
                (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, token);
            }

            Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));
            return (FramesPerConnection, closes);
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    private static string Describe(byte[] bytes) =>
        bytes.Length > 80 ? $"{bytes.Length} bytes" : Convert.ToHexString(bytes);

    private static (byte[] Bytes, WebSocketMessageType Type, Outcome Outcome, string? Id) Generate(Random random, int index)
    {
        var id = $"h{index}";
        string Text(string json) => json;
        var roll = random.Next(100);
        switch (roll)
        {
            case 0:
                var big = new byte[(64 * 1024) + 1 + random.Next(40_000)];
                for (var b = 0; b < big.Length; b++)
                {
                    big[b] = (byte)random.Next(0x20, 0x7f);
                }

                return (big, WebSocketMessageType.Text, Outcome.Close1009, null);
            case 1:
                return (RandomBytes(random, random.Next(1, 300)), WebSocketMessageType.Binary, Outcome.Close1003, null);
            case < 20:
                var raw = RandomBytes(random, random.Next(0, 300));
                return (raw, WebSocketMessageType.Text, IsUtf8(raw) ? Outcome.Reply : Outcome.ReplyOrInvalidUtf8Close, null);
            case < 35:
                var valid = ValidFrames(random, id)[random.Next(4)];
                return (Encoding.UTF8.GetBytes(valid[..random.Next(1, valid.Length)]), WebSocketMessageType.Text, Outcome.Reply, null);
            case < 50:
                var depth = random.Next(9, 3000);
                var nested = new string('[', depth) + new string(']', depth);
                return (Encoding.UTF8.GetBytes($$"""{"type":"ping","id":"{{id}}","x":{{nested}}}"""), WebSocketMessageType.Text, Outcome.Reply, null);
            case < 70:
                return (Encoding.UTF8.GetBytes(Text(WrongTypes(random, id))), WebSocketMessageType.Text, Outcome.Reply, id);
            case < 85:
                string[] numbers = ["1e999", "-1", "99999999999999999999999999", "1.5", "-0", "9223372036854775808", "NaN", "0x10", "1e2"];
                var number = numbers[random.Next(numbers.Length)];
                var field = random.Next(3) switch { 0 => "before", 1 => "after", _ => "limit" };
                var json = $$"""{"type":"history","id":"{{id}}","room":"r{{index}}","{{field}}":{{number}}}""";
                var parses = number is not ("NaN" or "0x10");
                return (Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, Outcome.Reply, parses ? id : null);
            default:
                return (Encoding.UTF8.GetBytes(ValidFrames(random, id)[random.Next(4)]), WebSocketMessageType.Text, Outcome.Reply, id);
        }
    }

    private static string[] ValidFrames(Random random, string id) =>
    [
        $$"""{"type":"ping","id":"{{id}}"}""",
        $$"""{"type":"rooms","id":"{{id}}"}""",
        $$"""{"type":"history","id":"{{id}}","room":"nowhere{{random.Next(1000)}}","limit":5}""",
        $$"""{"type":"typing","id":"{{id}}","room":"nowhere{{random.Next(1000)}}"}""",
    ];

    private static string WrongTypes(Random random, string id)
    {
        string[] values = ["1", "true", "null", "[]", "{}", "\"\"", "\"" + new string('z', 70) + "\"", "\"a b\"", "\"\\u0000\"", "-3"];
        string Value() => values[random.Next(values.Length)];
        string[] types = ["join", "leave", "send", "dm", "typing", "history", "members", "nope", "", "PING"];
        var type = types[random.Next(types.Length)];
        return $$"""{"type":"{{type}}","id":"{{id}}","room":{{Value()}},"text":{{Value()}},"to":{{Value()}},"clientMsgId":{{Value()}}}""";
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
