using OrleansChat.Tests.Gateway.Infrastructure;
using OrleansChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The Redis-configured modes on a real redis-server: a gateway with a co-hosted silo (EmbeddedRedis) and a
/// gateway that is only a client of that cluster (Client) carry one conversation; after the silo's process
/// is gone, a new one serves the acked messages from Redis.
/// </summary>
[Trait("Category", "Redis")]
public sealed class RedisModeTests
{
    private sealed class RedisGatewayFactory(string redis, string clusterId, string prefix, bool clientMode) : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Redis:ConnectionString", redis),
            new("Orleans:Mode", clientMode ? "Client" : "Embedded"),
            new("Orleans:ClusterId", clusterId),
            new("Orleans:ServiceId", clusterId),
            new("Orleans:AdvertisedIPAddress", "127.0.0.1"),
            new("Chat:RedisKeyPrefix", prefix),
        ];
    }

    [Fact]
    public async Task TwoGatewaysOneCluster_ChatAcrossThem_AckedMessagesSurviveTheSilo()
    {
        var server = await RedisServer.Shared;
        var clusterId = Names.Fresh("gwredis");
        var prefix = $"{clusterId}:chat:";
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        try
        {
            var silo = new RedisGatewayFactory(server.ConnectionString, clusterId, prefix, clientMode: false);
            await silo.InitializeAsync();
            await using (var client = new RedisGatewayFactory(server.ConnectionString, clusterId, prefix, clientMode: true))
            {
                await client.InitializeAsync();
                var (a, _) = await WsClient.ConnectWelcomedAsync(silo.WebSocketUri, silo.Token(alice));
                var (b, _) = await WsClient.ConnectWelcomedAsync(client.WebSocketUri, client.Token(bob));
                await using var _a = a;
                await using var _b = b;
                await a.CommandAsync(new { type = "join", room });
                await b.CommandAsync(new { type = "join", room });
                Assert.Equal("ack", WsClient.Type(await a.CommandAsync(new { type = "send", room, text = "via the silo gateway" })));
                Assert.Equal("ack", WsClient.Type(await b.CommandAsync(new { type = "send", room, text = "via the client gateway" })));
                foreach (var ws in new[] { a, b })
                {
                    Assert.Equal("via the silo gateway", (await ws.NextOfTypeAsync("message")).GetProperty("text").GetString());
                    Assert.Equal("via the client gateway", (await ws.NextOfTypeAsync("message")).GetProperty("text").GetString());
                }
            }

            await silo.DisposeAsync();

            await using var replacement = new RedisGatewayFactory(server.ConnectionString, clusterId, prefix, clientMode: false);
            await replacement.InitializeAsync();
            var (again, welcome) = await WsClient.ConnectWelcomedAsync(replacement.WebSocketUri, replacement.Token(alice));
            await using var _again = again;
            Assert.Contains(welcome.GetProperty("rooms").EnumerateArray(), r => r.GetProperty("room").GetString() == room && r.GetProperty("lastSeq").GetInt64() == 2);
            var history = await again.CommandAsync(new { type = "history", room, after = 0 });
            Assert.Equal(
                ["via the silo gateway", "via the client gateway"],
                history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        }
        finally
        {
            await using var redis = await server.ConnectAsync();
            var db = redis.GetDatabase();
            foreach (var endpoint in redis.GetEndPoints())
            {
                await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: $"*{clusterId}*"))
                {
                    await db.KeyDeleteAsync(key);
                }
            }
        }
    }

    [Fact]
    public async Task FreshUsersComingAndGoing_LeaveNoStreamPubSubStateBehind()
    {
        var server = await RedisServer.Shared;
        var clusterId = Names.Fresh("gwpubsub");
        var room = Names.Fresh("room");
        await using var redis = await server.ConnectAsync();
        try
        {
            await using var gateway = new RedisGatewayFactory(server.ConnectionString, clusterId, $"{clusterId}:chat:", clientMode: false);
            await gateway.InitializeAsync();
            var (first, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh("first")));
            await first.CommandAsync(new { type = "join", room });
            await first.DisposeAsync();
            var before = await PubSubKeysAsync(redis, clusterId);
            Assert.True(before.Count > 0, "No pub/sub record found at all: the key pattern no longer matches Orleans' storage keys.");

            for (var i = 0; i < 30; i++)
            {
                var (user, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(Names.Fresh($"fresh{i}")));
                await user.CommandAsync(new { type = "join", room });
                Assert.Equal("ack", WsClient.Type(await user.CommandAsync(new { type = "send", room, text = $"hello {i}" })));
                await user.NextOfTypeAsync("message");
                await user.DisposeAsync();
            }

            // The gateway's own stream and the room's stream have their pub/sub records; users add none.
            var after = await PubSubKeysAsync(redis, clusterId);
            Assert.True(after.Count <= before.Count, $"Pub/sub records grew with users: {before.Count} before, {after.Count} after: {string.Join(", ", after.Except(before))}");
        }
        finally
        {
            var db = redis.GetDatabase();
            foreach (var endpoint in redis.GetEndPoints())
            {
                await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: $"*{clusterId}*"))
                {
                    await db.KeyDeleteAsync(key);
                }
            }
        }
    }

    private static async Task<List<string>> PubSubKeysAsync(IConnectionMultiplexer redis, string clusterId)
    {
        var keys = new List<string>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: $"*{clusterId}*"))
            {
                if (key.ToString().Contains("pubsubrendezvous", StringComparison.OrdinalIgnoreCase))
                {
                    keys.Add(key.ToString());
                }
            }
        }

        return keys;
    }
}
