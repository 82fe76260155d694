namespace Orleans.Streaming.RedisStreams;

/// <summary>How a receiver's attempt to fetch entries (reclaimed ones, else new ones) ended.</summary>
internal enum FetchOutcome
{
    /// <summary>Redis answered with at least one entry.</summary>
    Fetched,

    /// <summary>Redis answered with no entry: nothing to reclaim and nothing new.</summary>
    NothingNew,

    /// <summary>The stream or its consumer group no longer exists; it is recreated at the next attempt.</summary>
    GroupMissing,

    /// <summary>Redis was unreachable or failed the command.</summary>
    RedisFailed,
}
