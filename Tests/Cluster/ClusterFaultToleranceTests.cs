using System.Diagnostics;
using OrleansChat.Tests.Cluster.Infrastructure;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// Faults injected into a real cluster of processes (two silos, two gateways, Redis) while users on both
/// gateways send steadily: nothing acknowledged is ever lost, service resumes by itself, and once the
/// users are gone the cluster holds nothing for them.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterFaultToleranceTests(LocalCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SiloKilled_TrafficResumesWithinTenSeconds_NoConnectionIsClosed_AndEveryAckedMessageArrivesLive()
    {
        await using (var traffic = await TrafficRun.StartAsync(cluster, Names("silo")))
        {
            await traffic.WaitForAcksAsync(5, traffic.StartedAt, TimeSpan.FromSeconds(60), "traffic before the fault");
            var killedAt = Stopwatch.GetTimestamp();
            await cluster.Silos[1].KillAsync();

            // Within the limit every sender is acknowledged again, and stays so.
            await traffic.WaitForAcksAsync(3, killedAt + Stopwatch.Frequency * (long)RecoveryLimit.TotalSeconds, TimeSpan.FromSeconds(60), "traffic after the silo died");
            await traffic.StopAsync();
            foreach (var user in traffic.Users)
            {
                var lateFailures = user.Outcomes.Where(o => o.ErrorCode is not null && o.SentAfter(killedAt) > RecoveryLimit).ToList();
                Assert.True(lateFailures.Count == 0, $"{user.User} still failed {RecoveryLimit.TotalSeconds} s after the kill: {string.Join(", ", lateFailures.Select(f => $"{f.ErrorCode} at {f.SentAfter(killedAt).TotalSeconds:F1} s"))}");
            }

            // The sessions whose user grain died with the silo were opened again behind the clients' backs, and
            // every gap the dead silo left in the room streams was repaired from the store.
            await traffic.AssertEveryAckedMessageArrivedLiveAsync(TimeSpan.FromSeconds(30));
            await traffic.AssertNothingAckedIsLostAsync();
        }

        await cluster.WaitForCleanAuditAsync();
    }

    [Fact]
    public async Task RedisRestarted_SendsAreUnavailableDuringOutageAndServiceRecovers()
    {
        await using (var traffic = await TrafficRun.StartAsync(cluster, Names("redis")))
        {
            await traffic.WaitForAcksAsync(5, traffic.StartedAt, TimeSpan.FromSeconds(60), "traffic before the fault");
            var stoppedAt = Stopwatch.GetTimestamp();
            await cluster.Redis.StopAsync();
            await WaitForOutcomeAsync(traffic, o => o.ErrorCode is not null && o.SentAtTimestamp > stoppedAt, "a refused send during the outage");
            var restartedAt = Stopwatch.GetTimestamp();
            await cluster.Redis.RestartAsync();
            await traffic.WaitForAcksAsync(3, restartedAt, TimeSpan.FromSeconds(60), "traffic after Redis came back");
            await traffic.StopAsync();

            // During the outage a send is refused as unavailable, or answered timeout (outcome unknown: the user retries
            // with the same clientMsgId), or its socket dropped; never acknowledged falsely.
            var codes = traffic.Users.SelectMany(u => u.Outcomes).Where(o => o.ErrorCode is not null).Select(o => o.ErrorCode!).Distinct().ToList();
            var unexpected = codes.Except(["unavailable", "timeout", "disconnected"]).ToList();
            Assert.True(unexpected.Count == 0, $"During the Redis outage sends got {string.Join(", ", unexpected)}:\n{cluster.DescribeProcesses()}");
            await traffic.AssertNothingAckedIsLostAsync();
        }

        await cluster.WaitForCleanAuditAsync();
    }

    [Fact]
    public async Task GatewayKilled_ItsClientsReconnectToTheOtherAndRecoverTheGap()
    {
        await using (var traffic = await TrafficRun.StartAsync(cluster, Names("gateway")))
        {
            await traffic.WaitForAcksAsync(5, traffic.StartedAt, TimeSpan.FromSeconds(60), "traffic before the fault");
            await cluster.Gateways[0].KillAsync();
            var killedAt = Stopwatch.GetTimestamp();
            await traffic.WaitForAcksAsync(5, killedAt, TimeSpan.FromSeconds(60), "traffic after the gateway died");

            // While the traffic goes on, the dead gateway's room subscriptions leave the pub/sub (the silos drop
            // the vanished client, and the stream agents its subscriptions): each room keeps the survivor's one.
            foreach (var room in traffic.Users.Select(u => u.Room).Distinct())
            {
                var count = -1;
                await Eventually.TrueAsync(
                    async () => (count = (await cluster.RoomSubscriptionsAsync(room)).Count) == 1,
                    $"the killed gateway's subscription to {room} to be removed (subscriptions: {count})",
                    TimeSpan.FromSeconds(60));
            }

            await traffic.StopAsync();

            // Everyone who was on the dead gateway is now on the other one.
            Assert.All(traffic.Users.Where(u => u.StartGateway == 0), u => Assert.True(u.Reconnects > 0, $"{u.User} never reconnected"));
            await traffic.AssertNothingAckedIsLostAsync();
        }

        // The killed gateway never closed its sessions: their leases expire.
        await cluster.WaitForCleanAuditAsync();
    }

    private static string Names(string fault) => $"ft-{fault}-{Guid.NewGuid():N}"[..20];

    private static Task WaitForOutcomeAsync(TrafficRun traffic, Func<SendAttempt, bool> match, string what) =>
        Eventually.TrueAsync(() => traffic.Users.Any(u => u.Outcomes.Any(match)), what, TimeSpan.FromSeconds(60));
}
