using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>Creates one <see cref="MinimumAgeQueueCache"/> around a <see cref="SimpleQueueCache"/> per queue.</summary>
internal sealed class MinimumAgeQueueAdapterCache(int cacheSize, TimeSpan minimumAge, TimeProvider timeProvider, ILoggerFactory loggerFactory) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) =>
        new MinimumAgeQueueCache(new SimpleQueueCache(cacheSize, loggerFactory.CreateLogger<SimpleQueueCache>()), minimumAge, timeProvider);
}
