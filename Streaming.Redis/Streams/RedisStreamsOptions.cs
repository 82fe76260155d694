namespace Orleans.Configuration;

/// <summary>
/// Options of a Redis Streams persistent stream provider, configured per provider name with
/// <c>AddRedisStreams(name, options =&gt; ...)</c> on a silo or client builder.
/// </summary>
public sealed class RedisStreamsOptions
{
    /// <summary>Default for <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "orleans:streams";

    /// <summary>
    /// A StackExchange.Redis configuration string (e.g. <c>"localhost:6379,password=..."</c>).
    /// When <see langword="null"/> (the default), the provider resolves an <c>IConnectionMultiplexer</c>
    /// from dependency injection (keyed by the provider name first, then unkeyed) and never disposes it.
    /// When set, the provider creates its own connection and disposes it on shutdown.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Number of queues (one Redis stream key each) that streams are hashed onto. Default 8.</summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>
    /// Prefix of every Redis key and channel the provider uses; the full key is
    /// <c>{KeyPrefix}:{ServiceId}:{ProviderName}:{queue}</c>. Default <c>"orleans:streams"</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Largest number of entries one XREADGROUP (or reclaim) fetches. Default 256.</summary>
    public int ReadBatchSize { get; set; } = 256;

    /// <summary>
    /// When <see langword="true"/> (the default), producers PUBLISH a tiny notification on the queue's
    /// channel after each XADD, so an idle receiver reads at once instead of at its next poll.
    /// </summary>
    public bool NotificationsEnabled { get; set; } = true;

    /// <summary>
    /// Longest an idle receiver waits for a notification before it reads the stream anyway
    /// (the fallback poll; bounds latency when a notification is lost). Default 500 ms.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Shortest interval between two reads of a busy queue, for throughput over latency: after a read that found
    /// entries and emptied the queue, the receiver reads it again no sooner than this, and producers publish the
    /// queue's notification at most once per interval, so entries arriving meanwhile are fetched and delivered
    /// together rather than a few per read (each read costs a round trip and a pass of the pulling agent). Adds up
    /// to about this much latency (more with the timer's granularity), only while a queue receives entries faster
    /// than this; a queue that was idle is read at once on notification. Default <see cref="TimeSpan.Zero"/> (off):
    /// 2 ms raised an unpaced single-hop benchmark's throughput by 35-45 %, but measured worse for multi-hop
    /// pipelines such as the chat's (see <c>docs/benchmarks.md</c>).
    /// </summary>
    public TimeSpan BusyReadInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Longest any single Redis operation of the provider may take; a producer's <c>OnNextAsync</c>
    /// fails with <c>RedisStreamsException</c> after this long when Redis is unreachable. Default 5 s.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Period of a receiver's maintenance pass: reclaim of entries left pending by other consumers,
    /// trimming, consumer-lag measurement. Default 10 s.
    /// </summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// During maintenance, entries pending with another consumer of the queue's group that has been idle
    /// at least this long are claimed and redelivered. (When a receiver takes a queue over, it claims
    /// every entry pending with other consumers at once.) Default 30 s.
    /// </summary>
    public TimeSpan ClaimMinIdleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When <see langword="true"/> (the default), maintenance trims acknowledged entries with
    /// <c>XTRIM MINID</c> at the group's oldest pending entry (or just past its last delivered one),
    /// so it never removes an entry that is pending or not yet read.
    /// </summary>
    public bool TrimAcknowledged { get; set; } = true;

    /// <summary>
    /// Optional hard cap on a queue's length, applied approximately (<c>XADD MAXLEN ~</c>) by producers.
    /// A safety valve for when no silo consumes: unlike <see cref="TrimAcknowledged"/> it MAY drop entries
    /// not yet delivered. Default <see langword="null"/> (no cap).
    /// </summary>
    public long? MaxQueueLength { get; set; }

    /// <summary>Approximate cap on each queue's dead-letter stream (<c>{queue key}:dead</c>). Default 10,000.</summary>
    public int DeadLetterMaxLength { get; set; } = 10_000;

    /// <summary>Size (in batches) of the pulling agent's in-memory cache per queue. Default 4096.</summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>
    /// Shortest time a batch stays in the agent's cache before it may be purged (unless the cache is full).
    /// Covers the handshake with the consumers of a stream the agent has just met: purged earlier, their
    /// cursor would miss the stream's first events. Acknowledgements wait at least this long. Default 5 s.
    /// </summary>
    public TimeSpan CacheMinimumAge { get; set; } = TimeSpan.FromSeconds(5);
}
