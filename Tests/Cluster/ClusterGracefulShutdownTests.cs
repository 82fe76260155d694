using System.Diagnostics;
using OrleansChat.Tests.Cluster.Infrastructure;
using OrleansChat.Tests.Gateway.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// A silo stopped the way an orchestrator stops it (SIGTERM) while users on both gateways send steadily:
/// it exits cleanly, hands its stream queues to the other silo, traffic resumes within seconds and
/// nothing acknowledged is lost.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterGracefulShutdownTests(LocalCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    // The silo's Orleans:ShutdownTimeout (30 s by default) plus what a loaded machine needs to begin stopping.
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HandoverLimit = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SiloStoppedGracefully_ExitsZeroHandsItsQueuesOverAndNothingAckedIsLost()
    {
        await using var redis = await cluster.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        var (staying, leaving) = (cluster.Silos[0], cluster.Silos[1]);
        await using (var traffic = await TrafficRun.StartAsync(cluster, $"gs-{Guid.NewGuid():N}"[..12]))
        {
            await traffic.WaitForAcksAsync(5, traffic.StartedAt, TimeSpan.FromSeconds(60), "traffic before the stop");

            // Before: the two silos share the queues out, each queue read by exactly one of them.
            IReadOnlySet<int> leavingQueues = new HashSet<int>();
            await Eventually.TrueAsync(
                async () =>
                {
                    var stayingQueues = await StreamQueues.ReadByAsync(staying);
                    leavingQueues = await StreamQueues.ReadByAsync(leaving);
                    return stayingQueues.Count + leavingQueues.Count == StreamQueues.Count && stayingQueues.Union(leavingQueues).Count() == StreamQueues.Count;
                },
                "the two silos to read every stream queue between them",
                HandoverLimit);
            Assert.True(leavingQueues.Count > 0, "The queue balancer gave the silo to be stopped no queue; nothing would be handed over.");
            var before = await StreamQueues.ConsumersAsync(db, cluster.ServiceId);

            var stoppedAt = Stopwatch.GetTimestamp();
            var exitedByItself = await leaving.StopAsync(ExitLimit);
            var stopTook = Stopwatch.GetElapsedTime(stoppedAt);
            output.WriteLine($"{leaving.Name} (queues {string.Join(',', leavingQueues.Order())}) exited {stopTook.TotalSeconds:F1} s after SIGTERM");
            Assert.True(exitedByItself, $"{leaving.Name} did not exit within {ExitLimit.TotalSeconds} s of SIGTERM and was killed:\n{leaving.Describe()}");
            Assert.True(leaving.Process.ExitCode == 0, $"{leaving.Name} exited with {leaving.Process.ExitCode}:\n{leaving.Describe()}");

            // After: the other silo reads every queue, and in Redis the departed silo's consumers hold nothing
            // pending (acknowledged on shutdown, or reclaimed).
            await Eventually.TrueAsync(async () => (await StreamQueues.ReadByAsync(staying)).Count == StreamQueues.Count, $"{staying.Name} to read every stream queue", HandoverLimit);
            var after = before;
            try
            {
                await Eventually.TrueAsync(
                    async () =>
                    {
                        after = await StreamQueues.ConsumersAsync(db, cluster.ServiceId);
                        return leavingQueues.All(q => IsHandedOver(before[q], after[q]));
                    },
                    "nothing pending with the departed silo's consumers",
                    HandoverLimit);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}\nbefore: {StreamQueues.Describe(before)}\nafter: {StreamQueues.Describe(after)}", ex);
            }

            await traffic.WaitForAcksAsync(3, stoppedAt + (long)(Stopwatch.Frequency * RecoveryLimit.TotalSeconds), TimeSpan.FromSeconds(60), "traffic after the graceful stop");
            await traffic.StopAsync();
            var failures = traffic.Users.SelectMany(u => u.Outcomes).Where(o => o.ErrorCode is not null && o.SentAtTimestamp > stoppedAt).ToList();
            var lastFailure = failures.Count == 0 ? TimeSpan.Zero : failures.Max(f => f.SentAfter(stoppedAt));
            output.WriteLine($"after SIGTERM: {failures.Count} failed sends, the last sent {lastFailure.TotalSeconds:F1} s after; {traffic.Users.Sum(u => u.Reconnects)} reconnects; {await StreamQueues.ReclaimedByAsync(staying)} entries reclaimed by {staying.Name}");
            Assert.True(lastFailure < RecoveryLimit, $"Sends still failed {lastFailure.TotalSeconds:F1} s after SIGTERM: {string.Join(", ", failures.Select(f => $"{f.ErrorCode} at {f.SentAfter(stoppedAt).TotalSeconds:F1} s"))}");
            await traffic.AssertNothingAckedIsLostAsync();
        }

        await cluster.WaitForCleanAuditAsync();
    }

    // Handed over: no consumer of the departed silo holds anything pending (acknowledged on shutdown, or
    // reclaimed by the new owner, which also deletes it once it is empty and idle). A new consumer is not
    // demanded: Redis only creates one when an entry is delivered, and a queue may have no traffic.
    private static bool IsHandedOver(IReadOnlyList<QueueConsumer> before, IReadOnlyList<QueueConsumer> after) =>
        after.Where(c => before.Any(b => b.Name == c.Name)).All(c => c.Pending == 0);
}
