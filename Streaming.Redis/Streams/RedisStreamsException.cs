namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// A Redis Streams provider operation failed (Redis unreachable, timed out or refused the command);
/// the original exception is the <see cref="Exception.InnerException"/>. A producer that gets it
/// cannot know whether the event was queued; retrying may deliver it twice (at-least-once).
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Streaming.Redis.RedisStreamsException")]
public sealed class RedisStreamsException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public RedisStreamsException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisStreamsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the Redis failure that caused it.</summary>
    public RedisStreamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
