using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OrleansChat.Gateway.Protocol;
using OrleansChat.Tests.Gateway.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// The gateway-level fuzzer: grammar-built and mutated frames (valid UTF-8, under the size limit) over real
/// WebSockets to the in-process gateway. Each frame is followed by a sentinel <c>ping</c>, so the answers that
/// belong to it are exactly the replies before the sentinel's <c>pong</c>: one <c>error</c> <c>bad_request</c>
/// carrying the id the parser could read, or the reply its command is documented to get. The connection must
/// stay open throughout and answer <c>ping</c> afterwards. CI runs a bounded number of frames;
/// <c>ORLEANSCHAT_FUZZ_ITERATIONS</c> sets the frames per connection.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class GatewayFuzzTests(HostileGatewayFactory gateway, ITestOutputHelper output) : IClassFixture<HostileGatewayFactory>
{
    private const int Connections = 3;
    private const int CiFramesPerConnection = 400;

    /// <summary>Frames that answer a command; the others (<c>message</c>, <c>dm</c>, <c>member</c>, …) are events.</summary>
    private static readonly HashSet<string> ReplyTypes = ["ack", "error", "pong", "history"];

    /// <summary>Codes a valid command may still earn from the cluster (not a member, a limit reached).</summary>
    private static readonly HashSet<string> RefusalCodes = ["forbidden", "not_found", "too_large"];

    [Fact]
    public async Task Gateway_FuzzedFrames_AnsweredAsDocumentedAndConnectionStaysOpen()
    {
        var frames = FuzzSettings.Iterations(CiFramesPerConnection);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => FuzzConnectionAsync(c, frames)));
        output.WriteLine($"{Connections} x {frames} fuzzed frames in {watch.Elapsed.TotalSeconds:F1} s");

        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("fzafter")));
        await using var _c = client;
        Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));
    }

    [Theory]
    [InlineData("""{"\ud800":1,"text":"hi"}""")]
    [InlineData("""{"text":"\ud800"}""")]
    [InlineData("""{"text":"a","text":"b"}""")]
    public async Task HttpPost_LoneSurrogateOrDuplicateField_BadRequest(string body)
    {
        using var http = gateway.HttpClientAs(Names.Fresh("fzhttp"));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/rooms/lobby/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_request", error.RootElement.GetProperty("code").GetString());
    }

    private async Task FuzzConnectionAsync(int connection, int frames)
    {
        var user = Names.Fresh($"fz{connection}");
        string[] rooms = [$"{user}-a", $"{user}-b", $"{user}-c", "lobby", user];
        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _c = client;
        Assert.Equal("ack", WsClient.Type(await client.CommandAsync(new { type = "join", room = rooms[0] })));

        var baseSeed = unchecked(FuzzSettings.Seed + ((connection + 1) * 10_000_019));
        for (var i = 0; i < frames; i++)
        {
            var seed = unchecked(baseSeed + i);
            var input = FrameFuzzer.Input(seed, rooms, bytes: false);
            var what = $"seed {seed} (connection {connection}, frame {i}), input {FrameFuzzer.Describe(input)}";
            var expected = FrameParser.Parse(input);
            await client.SendBytesAsync(input, WebSocketMessageType.Text);
            var sentinel = $"~s{i}";
            await client.SendTextAsync($$"""{"type":"ping","id":"{{sentinel}}"}""");

            var replies = new List<JsonElement>();
            while (true)
            {
                JsonElement reply;
                try
                {
                    reply = await client.NextAsync($"the answers to {what}", f => ReplyTypes.Contains(WsClient.Type(f) ?? string.Empty));
                }
                catch (InvalidOperationException ex)
                {
                    throw new Xunit.Sdk.XunitException($"The gateway closed the connection on {what}: {ex.Message}");
                }

                if (WsClient.Type(reply) == "pong" && WsClient.Id(reply) == sentinel)
                {
                    break;
                }

                replies.Add(reply);
            }

            if (Check(expected, replies) is { } problem)
            {
                Assert.Fail($"{problem} for {what}; replies: {string.Join(" | ", replies.Select(r => r.GetRawText()))}");
            }
        }

        Assert.Equal(WebSocketState.Open, client.Socket.State);
        Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));
    }

    private static string? Check(ParseResult expected, List<JsonElement> replies)
    {
        var command = expected.Command;
        if (command is { Type: CommandType.Typing, Id: null })
        {
            // Accepted typing without an id needs no answer; a refused one gets an error without id.
            return replies.Count switch
            {
                0 => null,
                1 when WsClient.Type(replies[0]) == "error" && WsClient.Id(replies[0]) is null && IsRefusal(replies[0]) => null,
                _ => "typing without id got an unexpected answer",
            };
        }

        if (replies.Count != 1)
        {
            return $"expected exactly one reply, got {replies.Count}";
        }

        var reply = replies[0];
        var id = WsClient.Id(reply);
        if (command is null)
        {
            if (WsClient.Type(reply) != "error" || Code(reply) != "bad_request")
            {
                return $"expected error bad_request ({expected.Error})";
            }

            return id != expected.Id ? $"expected id '{expected.Id}', got '{id}'" : ReplyRules.CheckMessage(Message(reply));
        }

        if (id != command.Id)
        {
            return $"expected id '{command.Id}', got '{id}'";
        }

        var success = command.Type switch
        {
            CommandType.Ping => "pong",
            CommandType.History => "history",
            _ => "ack",
        };
        if (WsClient.Type(reply) == success)
        {
            return null;
        }

        if (WsClient.Type(reply) == "error" && IsRefusal(reply))
        {
            return ReplyRules.CheckMessage(Message(reply));
        }

        return $"expected '{success}' or a refusal for a valid {command.Type}";
    }

    private static bool IsRefusal(JsonElement reply) => RefusalCodes.Contains(Code(reply) ?? string.Empty);

    private static string? Code(JsonElement reply) => reply.TryGetProperty("code", out var code) ? code.GetString() : null;

    private static string? Message(JsonElement reply) => reply.TryGetProperty("message", out var message) ? message.GetString() : null;
}
