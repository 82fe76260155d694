using OrleansChat.Tests.Streaming.Grains;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Cluster")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsPoisonEntryTests(SharedStreamingClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PoisonEntries_AreDeadLetteredAndAcknowledged_LaterEventsStillArrive()
    {
        var cluster = fixture.Cluster;
        var key = Guid.NewGuid();
        var stream = cluster.ClientStream(StreamTestNames.ImplicitNamespace, key);
        var sink = StreamEventSink.For(StreamTestNames.ImplicitNamespace, key);
        await stream.OnNextAsync(new StreamTestEvent(0));
        await sink.WaitForAllAsync(1, Timeout, "the event before the poison entries");

        var queue = await cluster.QueueForAsync(StreamTestNames.ImplicitNamespace, key);
        await using var connection = await cluster.Redis.ConnectAsync();
        var database = connection.GetDatabase();
        var garbageId = await database.StreamAddAsync(queue.Keys.Stream, "b", new byte[] { 0xde, 0xad, 0xbe, 0xef });
        var fieldlessId = await database.StreamAddAsync(queue.Keys.Stream, "unrelated", "value");

        for (var i = 1; i < 10; i++)
        {
            await stream.OnNextAsync(new StreamTestEvent(i));
        }

        var received = await sink.WaitForAllAsync(10, Timeout, "the 9 events produced after the poison entries");
        Assert.Equal(Enumerable.Range(0, 10), received.Distinct());

        // The receiver dead-letters an entry before it hands on any later one, so both are there by now.
        var deadLetters = await database.StreamRangeAsync(queue.Keys.DeadLetter);
        Assert.Contains(deadLetters, e => e["dead.id"] == fieldlessId);
        var garbage = deadLetters.Single(e => e["dead.id"] == garbageId);
        Assert.Contains("Exception", garbage["dead.reason"].ToString(), StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, (byte[])garbage["b"]!);

        var pending = await database.StreamPendingMessagesAsync(queue.Keys.Stream, "orleans", 10_000, RedisValue.Null);
        Assert.DoesNotContain(pending, p => p.MessageId == garbageId || p.MessageId == fieldlessId);
        StreamEventSink.Forget(StreamTestNames.ImplicitNamespace, key);
    }
}
