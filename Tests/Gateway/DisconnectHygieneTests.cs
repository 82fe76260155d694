using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>After many connects and disconnects, clean or abrupt, the gateway holds nothing for them.</summary>
[Trait("Category", "Gateway")]
public sealed class DisconnectHygieneTests(HygieneGatewayFactory gateway) : IClassFixture<HygieneGatewayFactory>
{
    [Fact]
    public async Task ConnectDisconnect_1000Cycles_LeavesNoConnectionSubscriptionOrTask()
    {
        const int Cycles = 1000;
        const int Parallel = 4;
        var users = Enumerable.Range(0, 20).Select(i => Names.Fresh($"h{i}")).ToArray();
        var tokens = users.ToDictionary(u => u, gateway.Token);
        var room = Names.Fresh("room");

        // Every user is a member of one room, so each session has presence and stream work to release.
        foreach (var user in users)
        {
            var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, tokens[user]);
            await client.CommandAsync(new { type = "join", room });
            await client.DisposeAsync();
        }

        var completed = 0;
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async worker =>
        {
            for (var i = worker; i < Cycles; i += Parallel)
            {
                var user = users[i % users.Length];
                var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, tokens[user]);
                if (i % 3 == 0)
                {
                    // A dropped connection: no close handshake at all.
                    client.Socket.Abort();
                }

                await client.DisposeAsync();
                Interlocked.Increment(ref completed);
            }
        }));
        Assert.Equal(Cycles, completed);

        var counters = gateway.Counters;
        var hub = gateway.Services.GetRequiredService<DeliveryHub>();
        var sessions = gateway.Services.GetRequiredService<SessionRegistry>();
        await Eventually.TrueAsync(
            () => counters.OpenConnections == 0,
            $"every connection to end after {Cycles} cycles (now {counters})",
            TimeSpan.FromSeconds(60));

        // Rate-limit buckets outlive their connections until they have refilled (else reconnecting would refill them).
        Assert.Equal(users.Length, counters.RateLimiters);
        gateway.AdvanceRateLimitTimeUntilBucketsRefilled();
        await Eventually.TrueAsync(
            () => counters.IsIdle && hub.UserCount == 0 && hub.FeedCount == 0 && sessions.Count == 0,
            $"the gateway to hold nothing after {Cycles} cycles (now {counters}, local users {hub.UserCount}, room feeds {hub.FeedCount}, sessions {sessions.Count})",
            TimeSpan.FromSeconds(60));

        // The cluster agrees: no session is left open on any user grain.
        var diagnostics = gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IChatDiagnosticsGrain>(0);
        HygieneReport? report = null;
        try
        {
            await Eventually.TrueAsync(
                async () => (report = await diagnostics.GetHygieneReportAsync()) is { OpenSessions: 0, UserGrainSubscriptions: 0 },
                "the cluster to hold no session or subscription",
                TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} The cluster still holds: {report}", ex);
        }

        // And the gateway still works.
        var (after, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, tokens[users[0]]);
        await using var _after = after;
        Assert.Equal("pong", WsClient.Type(await after.CommandAsync(new { type = "ping" })));
    }
}
