using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// Who reads the cluster's chat stream queues, seen from both sides: a silo's <c>/metrics</c> (a receiver
/// reports its queue's lag gauge while it owns the queue and drops it when it stops) and Redis (each queue
/// stream's consumer group: its consumers and the entries each holds pending).
/// </summary>
public static partial class StreamQueues
{
    /// <summary>The consumer group every silo reads a queue through (Streaming.Redis/README.md).</summary>
    public const string ConsumerGroup = "orleans";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    // The silo configures the provider with its defaults (queue count, key prefix).
    private static readonly RedisStreamsOptions Defaults = new();

    public static int Count => Defaults.QueueCount;

    public static IEnumerable<int> All => Enumerable.Range(0, Count);

    /// <summary>The queues <paramref name="silo"/>'s receivers read now, from its metrics.</summary>
    public static async Task<IReadOnlySet<int>> ReadByAsync(ProcessSlot silo)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));
        return LagSample().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
    }

    /// <summary>How many entries <paramref name="silo"/>'s receivers claimed from other consumers (to redeliver them), from its metrics.</summary>
    public static async Task<long> ReclaimedByAsync(ProcessSlot silo)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{silo.HttpPort}/metrics"));
        return ReclaimedSample().Matches(text).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Every queue's consumers, as Redis sees them.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<QueueConsumer>>> ConsumersAsync(IDatabase redis, string serviceId)
    {
        var result = new Dictionary<int, IReadOnlyList<QueueConsumer>>();
        foreach (var queue in All)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{Defaults.KeyPrefix}:{serviceId}:{ChatStreams.ProviderName}:{queue}");
            var consumers = await redis.KeyExistsAsync(key)
                ? await redis.StreamConsumerInfoAsync(key, ConsumerGroup)
                : [];
            result[queue] = consumers.Select(c => new QueueConsumer(c.Name!, c.PendingMessageCount, c.IdleTimeInMilliseconds)).ToList();
        }

        return result;
    }

    public static string Describe(IReadOnlyDictionary<int, IReadOnlyList<QueueConsumer>> consumers) =>
        string.Join("; ", consumers.Select(q => $"queue {q.Key}: " + string.Join(", ", q.Value.Select(c => $"{c.Name} pending {c.Pending} idle {c.IdleMilliseconds} ms"))));

    [GeneratedRegex(@"^redis_streams_consumer_lag\{[^}]*\bqueue=""(\d+)""", RegexOptions.Multiline)]
    private static partial Regex LagSample();

    [GeneratedRegex(@"^redis_streams_entries_reclaimed_total\{[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex ReclaimedSample();
}
