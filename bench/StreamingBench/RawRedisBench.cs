using StackExchange.Redis;

namespace OrleansChat.Bench;

/// <summary>
/// The reference: the same number of events through XADD (from as many concurrent awaiting producers)
/// and one XREADGROUP + XACK loop, straight on StackExchange.Redis, no Orleans.
/// </summary>
public static class RawRedisBench
{
    public static async Task<double> RunAsync(string endpoint, int total, int producers, TimeSpan limit)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(endpoint);
        var database = connection.GetDatabase();
        var key = new RedisKey($"bench-raw-{Guid.NewGuid():N}");
        await database.StreamCreateConsumerGroupAsync(key, "g", "0", createStream: true);
        var payload = new byte[100];
        using var deadline = new CancellationTokenSource(limit);
        var time = TimeProvider.System;
        var start = time.GetTimestamp();

        var producing = Enumerable.Range(0, producers).Select(async _ =>
        {
            for (var i = 0; i < total / producers; i++)
            {
                await database.StreamAddAsync(key, "b", payload);
            }
        }).ToArray();

        var read = 0;
        var expected = total / producers * producers;
        while (read < expected && !deadline.IsCancellationRequested)
        {
            var entries = await database.StreamReadGroupAsync(key, "g", "c", StreamPosition.NewMessages, 256);
            if (entries.Length > 0)
            {
                read += entries.Length;
                await database.StreamAcknowledgeAsync(key, "g", Array.ConvertAll(entries, e => e.Id));
            }
        }

        var elapsed = time.GetElapsedTime(start);
        await Task.WhenAll(producing);
        await database.KeyDeleteAsync(key);
        return read / elapsed.TotalSeconds;
    }
}
