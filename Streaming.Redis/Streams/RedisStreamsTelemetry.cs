namespace Orleans.Streaming.RedisStreams;

/// <summary>Names under which the provider publishes its metrics (<c>System.Diagnostics.Metrics</c>).</summary>
public static class RedisStreamsTelemetry
{
    /// <summary>The name of the provider's <c>Meter</c>.</summary>
    public const string MeterName = "OrleansChat.Streaming.Redis";

    /// <summary>Counter: events queued to Redis by producers (tags: provider).</summary>
    public const string EventsProduced = "redis_streams.events.produced";

    /// <summary>Counter: events acknowledged after the pulling agent delivered them (tags: provider).</summary>
    public const string EventsDelivered = "redis_streams.events.delivered";

    /// <summary>Counter: entries claimed from another consumer of the queue for redelivery (tags: provider).</summary>
    public const string EntriesReclaimed = "redis_streams.entries.reclaimed";

    /// <summary>Counter: entries that could not be decoded and were moved to the dead-letter stream (tags: provider).</summary>
    public const string EntriesDeadLettered = "redis_streams.entries.dead_lettered";

    /// <summary>Counter: failed Redis operations of receivers and producers (tags: provider, operation).</summary>
    public const string Errors = "redis_streams.errors";

    /// <summary>Counter: idle cache cursors whose remembered position had been purged, restarted at their stream's next batch (tags: provider).</summary>
    public const string CursorsReseated = "redis_streams.cursors.reseated";

    /// <summary>Gauge: entries in a queue not yet read by its consumer group, as of the last maintenance pass (tags: provider, queue).</summary>
    public const string ConsumerLag = "redis_streams.consumer.lag";
}
