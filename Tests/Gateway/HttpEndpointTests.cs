using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>The HTTP side of PROTOCOL.md: health, readiness, metrics, dev tokens, the bot history/post API.</summary>
[Trait("Category", "Gateway")]
public sealed class HttpEndpointTests(ConformanceGatewayFactory gateway) : IClassFixture<ConformanceGatewayFactory>
{
    private HttpClient Client(string? user = null) => gateway.HttpClientAs(user);

    private static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.EnumerateObject().Count());
        return (body.RootElement.GetProperty("code").GetString()!, body.RootElement.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task HealthAndReadiness_Return200()
    {
        using var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Metrics_PrometheusTextWithGatewayAndOrleansMeters()
    {
        var (ws, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("metrics")));
        await using var _ws = ws;
        using var client = Client();
        string text = string.Empty;
        await Eventually.TrueAsync(
            async () =>
            {
                text = await client.GetStringAsync("/metrics");
                return text.Contains("orleanschat_gateway_connections", StringComparison.Ordinal);
            },
            "the gateway's connection gauge in /metrics");
        Assert.Contains("# TYPE", text);
        Assert.Contains("orleanschat_gateway_room_subscriptions", text);
        Assert.Contains("orleanschat_gateway_connection_tasks", text);
        Assert.Contains("orleans_", text);
    }

    [Fact]
    public async Task DevToken_ValidUser_TokenOpensSocket_InvalidUserIs400()
    {
        using var client = Client();
        var user = Names.Fresh("dev");
        var response = await client.PostAsJsonAsync("/api/dev/token", new { user });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var (ws, welcome) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, token);
        await using var _ws = ws;
        Assert.Equal(user, welcome.GetProperty("user").GetString());

        foreach (var body in new[] { """{"user":"no spaces"}""", """{"user":5}""", "{}", "[", "\"x\"" })
        {
            var bad = await client.PostAsync("/api/dev/token", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("bad_request", (await ErrorAsync(bad)).Code);
        }
    }

    [Fact]
    public async Task BotApi_MembersPostAndReadHistory_LiveSocketGetsTheMessage()
    {
        var (user, room) = (Names.Fresh("bot"), Names.Fresh("room"));
        var (ws, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _ws = ws;
        await ws.CommandAsync(new { type = "join", room });
        using var client = Client(user);

        var posted = await client.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = " from http ", clientMsgId = "b1" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var ack = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, ack.GetProperty("seq").GetInt64());
        Assert.Equal(room, ack.GetProperty("room").GetString());
        var again = await (await client.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = "from http", clientMsgId = "b1" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ack.GetProperty("messageId").GetString(), again.GetProperty("messageId").GetString());

        var live = await ws.NextOfTypeAsync("message");
        Assert.Equal("from http", live.GetProperty("text").GetString());

        await client.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = "second" });
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/rooms/{room}/messages?after=0&limit=10");
        Assert.Equal(room, history.GetProperty("room").GetString());
        Assert.Equal([1L, 2L], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/rooms/{room}/messages?before=2");
        Assert.Equal("from http", Assert.Single(before.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task BotApi_Errors_HaveStatusAndJsonBody()
    {
        var (member, stranger, room) = (Names.Fresh("member"), Names.Fresh("stranger"), Names.Fresh("room"));
        var (ws, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(member));
        await using var _ws = ws;
        await ws.CommandAsync(new { type = "join", room });
        using var anonymous = Client();
        using var outsider = Client(stranger);
        using var inside = Client(member);

        var cases = new (Task<HttpResponseMessage> Call, HttpStatusCode Status, string Code)[]
        {
            (anonymous.GetAsync($"/api/rooms/{room}/messages"), HttpStatusCode.Unauthorized, "unauthorized"),
            (anonymous.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = "x" }), HttpStatusCode.Unauthorized, "unauthorized"),
            (outsider.GetAsync($"/api/rooms/{room}/messages"), HttpStatusCode.Forbidden, "forbidden"),
            (outsider.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = "x" }), HttpStatusCode.Forbidden, "forbidden"),
            (inside.GetAsync($"/api/rooms/{room}/messages?limit=0"), HttpStatusCode.BadRequest, "bad_request"),
            (inside.GetAsync($"/api/rooms/{room}/messages?before=x"), HttpStatusCode.BadRequest, "bad_request"),
            (inside.GetAsync($"/api/rooms/{room}/messages?before=3&after=1"), HttpStatusCode.BadRequest, "bad_request"),
            (inside.GetAsync("/api/rooms/bad%20room/messages"), HttpStatusCode.BadRequest, "bad_request"),
            (inside.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = "   " }), HttpStatusCode.BadRequest, "bad_request"),
            (inside.PostAsync($"/api/rooms/{room}/messages", new StringContent("{oops", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "bad_request"),
            (inside.PostAsync($"/api/rooms/{room}/messages", new StringContent(new string('a', 70_000), Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge, "too_large"),
        };
        foreach (var (call, status, code) in cases)
        {
            var response = await call;
            Assert.Equal(status, response.StatusCode);
            var (actual, message) = await ErrorAsync(response);
            Assert.Equal(code, actual);
            Assert.DoesNotContain("   at ", message);
        }
    }

    [Fact]
    public async Task BotApi_BeyondRateLimit_Is429()
    {
        var (user, room) = (Names.Fresh("httpflood"), Names.Fresh("room"));
        var (ws, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await using var _ws = ws;
        await ws.CommandAsync(new { type = "join", room });
        using var client = Client(user);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => client.GetAsync($"/api/rooms/{room}/messages?limit=1")));
        Assert.Contains(statuses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        var limited = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", (await ErrorAsync(limited)).Code);
    }

    [Fact]
    public async Task BotApi_HttpOnlyOneCallAtATime_IsRateLimited()
    {
        // A bot with no WebSocket open: each call takes and releases the user's bucket, which must not start over.
        var (user, room) = (Names.Fresh("httpbot"), Names.Fresh("room"));
        var (ws, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await ws.CommandAsync(new { type = "join", room });
        await ws.CloseAsync();
        await ws.DisposeAsync();
        await Eventually.TrueAsync(() => gateway.Counters.OpenConnections == 0, "the bot's WebSocket to end");

        using var client = Client(user);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 2_000 && limited is null; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/rooms/{room}/messages", new { text = $"spam {i}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.NotNull(limited);
        Assert.Equal("rate_limited", (await ErrorAsync(limited)).Code);
    }
}
