using Orleans.Configuration;
using OrleansChat.Tests.Streaming.Grains;
using OrleansChat.Tests.Streaming.Infrastructure;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Cluster")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsSiloFailureTests(SharedStreamingClusterFixture fixture)
{
    [Fact]
    public async Task SiloKilledMidStream_EveryEventProducedBeforeAndAfter_IsDelivered()
    {
        const int streams = 16;
        const int rounds = 200;
        await using var cluster = await StreamingCluster.StartAsync(
            fixture.Redis,
            silos: 2,
            configure: options => options.PollInterval = TimeSpan.FromMilliseconds(200),
            configureSilo: silo => silo.Configure<ClusterMembershipOptions>(membership =>
            {
                // Declare the killed silo dead within a few seconds, so its queues and grains move.
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            }));
        var keys = Enumerable.Range(0, streams).Select(_ => Guid.NewGuid()).ToArray();
        var producers = keys.Select(key => cluster.ClientStream(StreamTestNames.ImplicitNamespace, key)).ToArray();

        // The client produces straight to Redis, so producing goes on while the cluster loses a silo.
        for (var round = 0; round < rounds; round++)
        {
            if (round == rounds / 2)
            {
                var victim = cluster.Cluster.GetActiveSilos().Last();
                await cluster.Cluster.KillSiloAsync(victim);
            }

            foreach (var producer in producers)
            {
                await producer.OnNextAsync(new StreamTestEvent(round));
            }
        }

        foreach (var key in keys)
        {
            var received = await StreamEventSink.For(StreamTestNames.ImplicitNamespace, key)
                .WaitForAllAsync(rounds, TimeSpan.FromSeconds(90), $"all {rounds} events of stream {key} after a silo was killed");
            Assert.Equal(Enumerable.Range(0, rounds), received.Distinct().Order());
            StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
        }
    }
}
