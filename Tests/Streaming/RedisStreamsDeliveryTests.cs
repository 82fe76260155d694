using OrleansChat.Tests.Streaming.Grains;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Cluster")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsDeliveryTests(SharedStreamingClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private StreamingCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task ClientProducer_ExplicitSubscriber_ReceivesEventsInOrder()
    {
        var key = Guid.NewGuid();
        var consumer = Cluster.Client.GetGrain<IExplicitConsumerGrain>(key);
        await consumer.SubscribeAsync();

        var stream = Cluster.ClientStream(StreamTestNames.ExplicitNamespace, key);
        for (var i = 0; i < 20; i++)
        {
            await stream.OnNextAsync(new StreamTestEvent(i));
        }

        var received = await StreamEventSink.For(StreamTestNames.ExplicitNamespace, key)
            .WaitForAllAsync(20, Timeout, "20 client-produced events at the explicit subscriber");
        Assert.Equal(Enumerable.Range(0, 20), received.Distinct());
        StreamEventSink.Forget(StreamTestNames.ExplicitNamespace, key);
    }

    [Fact]
    public async Task ClientProducer_ImplicitSubscriber_ReceivesEvents()
    {
        var key = Guid.NewGuid();
        var stream = Cluster.ClientStream(StreamTestNames.ImplicitNamespace, key);
        for (var i = 0; i < 10; i++)
        {
            await stream.OnNextAsync(new StreamTestEvent(i));
        }

        var received = await StreamEventSink.For(StreamTestNames.ImplicitNamespace, key)
            .WaitForAllAsync(10, Timeout, "10 client-produced events at the implicit subscriber");
        Assert.Equal(Enumerable.Range(0, 10), received.Distinct());
        StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
    }

    [Fact]
    public async Task GrainProducer_ExplicitAndImplicitSubscribers_ReceiveEvents()
    {
        var explicitKey = Guid.NewGuid();
        var implicitKey = Guid.NewGuid();
        await Cluster.Client.GetGrain<IExplicitConsumerGrain>(explicitKey).SubscribeAsync();
        var producer = Cluster.Client.GetGrain<IStreamProducerGrain>(Guid.NewGuid());

        await producer.ProduceAsync(StreamTestNames.ExplicitNamespace, explicitKey, 0, 25);
        await producer.ProduceAsync(StreamTestNames.ImplicitNamespace, implicitKey, 0, 25);

        var explicitReceived = await StreamEventSink.For(StreamTestNames.ExplicitNamespace, explicitKey)
            .WaitForAllAsync(25, Timeout, "25 grain-produced events at the explicit subscriber");
        var implicitReceived = await StreamEventSink.For(StreamTestNames.ImplicitNamespace, implicitKey)
            .WaitForAllAsync(25, Timeout, "25 grain-produced events at the implicit subscriber");
        Assert.Equal(Enumerable.Range(0, 25), explicitReceived.Distinct());
        Assert.Equal(Enumerable.Range(0, 25), implicitReceived.Distinct());
        StreamEventSink.Forget(StreamTestNames.ExplicitNamespace, explicitKey);
        StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, implicitKey);
    }

    [Fact]
    public async Task ExplicitSubscriber_AfterDeactivation_ResumesAndReceives()
    {
        var key = Guid.NewGuid();
        var consumer = Cluster.Client.GetGrain<IExplicitConsumerGrain>(key);
        await consumer.SubscribeAsync();
        var stream = Cluster.ClientStream(StreamTestNames.ExplicitNamespace, key);
        await stream.OnNextAsync(new StreamTestEvent(0));
        var sink = StreamEventSink.For(StreamTestNames.ExplicitNamespace, key);
        await sink.WaitForAllAsync(1, Timeout, "the first event before deactivation");

        await Cluster.Cluster.DeactivateAsync(consumer);
        await stream.OnNextAsync(new StreamTestEvent(1));

        await sink.WaitForAllAsync(2, Timeout, "the event sent after the subscriber was deactivated (ResumeAsync on reactivation)");
        Assert.Equal(1, await consumer.SubscriptionCountAsync());
        StreamEventSink.Forget(StreamTestNames.ExplicitNamespace, key);
    }

    [Fact]
    public async Task OneStream_TenThousandEvents_ArriveCompleteAndInOrder()
    {
        const int count = 10_000;
        var key = Guid.NewGuid();
        var producer = Cluster.Client.GetGrain<IStreamProducerGrain>(Guid.NewGuid());

        // In chunks: one call producing all would outlast Orleans' response timeout on a loaded machine.
        for (var from = 0; from < count; from += 1_000)
        {
            await producer.ProduceAsync(StreamTestNames.ImplicitNamespace, key, from, 1_000);
        }

        var received = await StreamEventSink.For(StreamTestNames.ImplicitNamespace, key)
            .WaitForAllAsync(count, TimeSpan.FromSeconds(60), $"{count} events on one stream");
        Assert.Equal(Enumerable.Range(0, count), received.Distinct());
        Assert.True(IsNonDecreasingExceptRedelivery(received), "events arrived out of order");

        // Everything was delivered, so maintenance may trim it all away; it must trim at least most.
        var queue = await Cluster.QueueForAsync(StreamTestNames.ImplicitNamespace, key);
        await using var connection = await Cluster.Redis.ConnectAsync();
        await Poll.UntilAsync(
            async () => await connection.GetDatabase().StreamLengthAsync(queue.Keys.Stream) < count / 10,
            Timeout,
            $"maintenance to trim the acknowledged entries of {queue.Keys}");
        StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
    }

    [Fact]
    public async Task ManyStreams_SpreadOverAllQueues_EveryStreamCompleteAndOrdered()
    {
        const int streams = 128;
        const int perStream = 10;
        var keys = Enumerable.Range(0, streams).Select(_ => Guid.NewGuid()).ToArray();
        var producers = keys.Select(key => Cluster.Client.GetGrain<IStreamProducerGrain>(Guid.NewGuid())
            .ProduceAsync(StreamTestNames.ImplicitNamespace, key, 0, perStream));
        await Task.WhenAll(producers);

        foreach (var key in keys)
        {
            var received = await StreamEventSink.For(StreamTestNames.ImplicitNamespace, key)
                .WaitForAllAsync(perStream, Timeout, $"{perStream} events on stream {key}");
            Assert.Equal(Enumerable.Range(0, perStream), received.Distinct());
            StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
        }

        var queues = new HashSet<int>();
        foreach (var key in keys)
        {
            queues.Add((await Cluster.QueueForAsync(StreamTestNames.ImplicitNamespace, key)).Keys.Queue);
        }

        Assert.Equal(8, queues.Count);
        await using var connection = await Cluster.Redis.ConnectAsync();
        foreach (var queue in queues)
        {
            var key = $"{Cluster.KeyPrefix}:{Cluster.Cluster.Options.ServiceId}:{StreamTestNames.Provider}:{queue}";
            var groups = await connection.GetDatabase().StreamGroupInfoAsync(key);
            Assert.True(groups.Single().EntriesRead > 0, $"queue {key} was never read through its consumer group");
        }
    }

    /// <summary>In order, allowing a redelivered run to restart from an earlier number (at-least-once).</summary>
    private static bool IsNonDecreasingExceptRedelivery(IReadOnlyList<int> received)
    {
        var seen = new HashSet<int>();
        var highest = -1;
        foreach (var sequence in received)
        {
            if (sequence > highest)
            {
                if (sequence != highest + 1)
                {
                    return false;
                }

                highest = sequence;
            }
            else if (!seen.Contains(sequence))
            {
                return false;
            }

            seen.Add(sequence);
        }

        return true;
    }
}
