using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams.Core;
using Orleans.Streams.PubSub;
using OrleansChat.Grains.Diagnostics;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The leak audit: after many session cycles, and after a gateway that vanished without closing its sessions,
/// the cluster holds no session, user-grain activation, timer or room-stream subscription. Checked on the
/// grains' own counters (summed over silos), on Orleans' activation statistics and on the stream pub/sub.
/// </summary>
public abstract class ChatHygieneTests : ChatGrainTestBase
{
    private const int Cycles = 1_000;
    private const int Concurrency = 25;
    private const int RoomCount = 50;
    private readonly ITestOutputHelper _output;

    protected ChatHygieneTests(ChatClusterFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    [Fact]
    public async Task Hygiene_ThousandSessionCycles_LeaveNothingBehind()
    {
        var prefix = TestIds.New("hy");
        var rooms = Enumerable.Range(0, RoomCount).Select(i => $"{prefix}-r{i}").ToArray();
        var stopwatch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, Cycles), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var user = $"{prefix}-u{i}";
            var room = rooms[i % RoomCount];
            var gateway = $"{prefix}-gw{i % 4}";
            await using var probe = await StreamProbe.ForGatewayAsync(Client, gateway, user);
            var session = await OpenSessionAsync(user, gateway);
            await User(user).JoinRoomAsync(room);
            await probe.WaitForAsync<MembershipEvent>(e => e.Room == room && e.Joined, $"cycle {i}'s join on {user}'s gateway");
            await Room(room).PostAsync(user, $"cycle {i}", null);
            await User(user).CloseSessionAsync(session);
        });

        _output.WriteLine($"{Cycles} cycles ({Concurrency} at a time) took {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        await AssertNothingHeldAsync(rooms);
        _output.WriteLine($"Clean {stopwatch.Elapsed.TotalSeconds:0.0} s after the start.");
    }

    [Fact]
    public async Task Hygiene_GatewayVanishes_LeasesExpireAndReleaseEverything()
    {
        var prefix = TestIds.New("gone");
        var rooms = Enumerable.Range(0, 5).Select(i => $"{prefix}-r{i}").ToArray();
        var users = Enumerable.Range(0, 100).Select(i => $"{prefix}-u{i}").ToArray();
        await Parallel.ForEachAsync(users.Select((u, i) => (u, i)), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (x, _) =>
        {
            await User(x.u).OpenSessionAsync(new SessionDescriptor($"{x.u}-s1", "crashed-gateway"));
            await User(x.u).OpenSessionAsync(new SessionDescriptor($"{x.u}-s2", "crashed-gateway"));
            await User(x.u).JoinRoomAsync(rooms[x.i % rooms.Length]);
            await User(x.u).JoinRoomAsync(rooms[(x.i + 1) % rooms.Length]);
        });

        var held = await Client.GetGrain<IChatDiagnosticsGrain>(0).GetHygieneReportAsync();
        Assert.Equal(200, held.OpenSessions);
        Assert.Equal(0, held.UserGrainSubscriptions);
        Assert.True(held.UserGrainActivations >= 100, $"Expected at least 100 user grain activations, saw {held.UserGrainActivations}.");
        Assert.True(held.PendingTimers >= 100, $"Expected at least 100 lease timers, saw {held.PendingTimers}.");
        Assert.Equal(rooms.Length, held.RoomPresenceTimers);
        Assert.Empty(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, rooms[0]));

        // Renewing half a lease later keeps the sessions; then the gateway is gone and nothing renews them.
        Fixture.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await User(users[0]).RenewSessionsAsync([$"{users[0]}-s1", $"{users[0]}-s2"]));
        Fixture.Time.Advance(TimeSpan.FromSeconds(61));

        await AssertNothingHeldAsync(rooms);
        Assert.False(await User(users[0]).IsOnlineAsync());
    }

    [Fact]
    public async Task Hygiene_SubscriptionTheUserGrainDoesNotHold_IsRemovedAtItsFirstItemAndWakesItNoMore()
    {
        var prefix = TestIds.New("zombie");
        var (author, victim) = ($"{prefix}-author", $"{prefix}-victim");
        var room = await NewRoomWithMembersAsync(author);
        var management = Client.GetGrain<IManagementGrain>(0);
        var removedBefore = UnknownSubscriptionsRemoved();

        // A subscription of the victim's grain that the grain never made: what a stream agent that missed an
        // unsubscribe goes on delivering to. (The victim is no member, so no activation audit looks there.)
        Assert.True(Client.GetStreamProvider(ChatStreams.ProviderName).TryGetStreamSubscriptionManager(out var manager));
        var zombie = await manager.AddSubscription(ChatStreams.ProviderName, StreamId.Create(ChatStreams.RoomNamespace, room), (GrainReference)User(victim));

        await Room(room).PostAsync(author, "wakes the zombie once", null);
        await WaitUntilAsync(
            () => PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, room),
            subscriptions => subscriptions.All(s => s.SubscriptionId != zombie.SubscriptionId),
            "the victim's grain to remove the subscription it does not hold");
        // The grain counts the removal once the pub/sub's answer reaches it, a moment after the entry is gone.
        await WaitUntilAsync(() => Task.FromResult(UnknownSubscriptionsRemoved()), n => n > removedBefore, "the removal to be counted");
        await WaitUntilAsync(() => management.GetGrainActivationCount((GrainReference)User(victim)), n => n == 0, "the victim's grain to deactivate");

        // The stream agent heard of the removal too: later items wake no grain of the victim's. (With the
        // zombie left, each would activate it, and it stays activated until its idle check.)
        for (var i = 0; i < 20; i++)
        {
            await Room(room).PostAsync(author, $"after {i}", null);
        }

        await using (var probe = await StreamProbe.ForRoomAsync(Client, room))
        {
            var session = await OpenSessionAsync(author);
            var last = await Room(room).PostAsync(author, "the last", null);
            await probe.WaitForAsync<RoomMessageEvent>(e => e.Message.MessageId == last.MessageId, "the last message on the room's stream");
            await User(author).CloseSessionAsync(session);
        }

        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)User(victim)));
        await AssertNothingHeldAsync([room]);
    }

    private long UnknownSubscriptionsRemoved() =>
        Fixture.Cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<ChatHygieneCounters>().UnknownSubscriptionsRemoved);

    private async Task AssertNothingHeldAsync(IReadOnlyList<string> rooms)
    {
        var diagnostics = Client.GetGrain<IChatDiagnosticsGrain>(0);
        var report = await WaitUntilAsync(
            diagnostics.GetHygieneReportAsync, r => r.IsClean, "the hygiene report to show nothing held");
        Assert.Equal(new HygieneReport(0, 0, 0, 0, 0), report);

        var management = Client.GetGrain<IManagementGrain>(0);
        await WaitUntilAsync(
            async () => (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("ChatUserGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount),
            count => count == 0,
            "Orleans to report no user grain activation");

        foreach (var room in rooms)
        {
            Assert.Empty(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, room));
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/>, failing after 30 s with what was awaited.</summary>
    private static async Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (deadline.Elapsed > StreamProbe.DefaultTimeout)
            {
                throw new TimeoutException($"Timed out after {StreamProbe.DefaultTimeout.TotalSeconds:0} s waiting for {what}; last value: {value}.");
            }

            await poll.WaitForNextTickAsync();
        }
    }
}
