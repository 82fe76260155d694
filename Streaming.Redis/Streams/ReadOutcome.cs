namespace Orleans.Streaming.RedisStreams;

/// <summary>How a receiver's attempt to fetch entries ended (when it fetched none).</summary>
internal enum ReadOutcome
{
    /// <summary>Redis answered; there may be entries.</summary>
    Empty,

    /// <summary>The stream or its consumer group no longer exists; it is recreated at the next attempt.</summary>
    GroupMissing,

    /// <summary>Redis was unreachable or failed the command.</summary>
    Failed,
}
