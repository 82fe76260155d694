using OrleansChat.Tests.Gateway.Infrastructure;
using Orleans.Streaming.RedisStreams;
using OrleansChat.Tests.Infrastructure;
using OrleansChat.Tests.Streaming.Grains;
using OrleansChat.Tests.Streaming.Infrastructure;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Cluster")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsRedisOutageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task RedisRestartedMidStream_ProducersFailDuringOutage_AcknowledgedEventsAllArrive()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var cluster = await StreamingCluster.StartAsync(redis, configure: options =>
        {
            options.OperationTimeout = TimeSpan.FromSeconds(1);
            options.PollInterval = TimeSpan.FromMilliseconds(200);
        });
        var key = Guid.NewGuid();
        var stream = cluster.ClientStream(StreamTestNames.ImplicitNamespace, key);
        var sink = StreamEventSink.For(StreamTestNames.ImplicitNamespace, key);
        var acknowledged = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            await stream.OnNextAsync(new StreamTestEvent(i));
            acknowledged.Add(i);
        }

        // Redis keeps nothing across this restart: what it held must have been delivered first.
        await sink.WaitForAllAsync(50, Timeout, "the 50 events produced before the outage");
        await redis.StopAsync();

        for (var i = 50; i < 53; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            var failure = await Assert.ThrowsAsync<RedisStreamsException>(() => stream.OnNextAsync(new StreamTestEvent(i)));
            Assert.NotNull(failure.InnerException);
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "a producer waited far longer than OperationTimeout");
        }

        await redis.RestartAsync();
        // Produce until the client's connection is back; an event counts once a producer call for it succeeded.
        for (var next = 53; acknowledged.Count < 50 + 20; next++)
        {
            var sequence = next;
            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        await stream.OnNextAsync(new StreamTestEvent(sequence));
                        acknowledged.Add(sequence);
                        return true;
                    }
                    catch (RedisStreamsException)
                    {
                        return false;
                    }
                },
                $"event {sequence} to be accepted once Redis is back",
                Timeout);
        }

        var received = await sink.WaitUntilAsync(
            r => acknowledged.All(r.Contains),
            Timeout,
            "every event acknowledged to the producer, including the 20 after Redis came back");
        Assert.All(acknowledged, sequence => Assert.Contains(sequence, received));
        StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
    }
}
