using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Creates one <see cref="RedisStreamsQueueCache"/> around a <see cref="SimpleQueueCache"/> per queue.</summary>
internal sealed class RedisStreamsQueueAdapterCache(
    int cacheSize,
    TimeSpan minimumAge,
    TimeProvider timeProvider,
    RedisStreamsInstruments instruments,
    ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new RedisStreamsQueueCache(
        new SimpleQueueCache(cacheSize, loggerFactory.CreateLogger<SimpleQueueCache>()),
        minimumAge,
        timeProvider,
        instruments,
        loggerFactory.CreateLogger<RedisStreamsQueueCache>());
}
