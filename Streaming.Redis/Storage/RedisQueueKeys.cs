using System.Globalization;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>
/// The Redis names of one queue: <c>{prefix}:{serviceId}:{provider}:{queue}</c> is the stream,
/// <c>…:dead</c> its dead-letter stream and <c>…:notify</c> its notification channel. ServiceId and
/// provider name in every key let several clusters and providers share one Redis.
/// </summary>
internal sealed class RedisQueueKeys
{
    /// <summary>The consumer group every silo of the service reads a queue through.</summary>
    public const string ConsumerGroup = "orleans";

    public RedisQueueKeys(string keyPrefix, string serviceId, string providerName, int queue)
    {
        Queue = queue;
        var baseKey = string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}:{serviceId}:{providerName}:{queue}");
        Stream = new RedisKey(baseKey);
        DeadLetter = new RedisKey(baseKey + ":dead");
        Notifications = RedisChannel.Literal(baseKey + ":notify");
    }

    public int Queue { get; }

    public RedisKey Stream { get; }

    public RedisKey DeadLetter { get; }

    public RedisChannel Notifications { get; }

    public override string ToString() => Stream.ToString();
}
