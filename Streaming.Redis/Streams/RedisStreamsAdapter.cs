using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Producer side of the provider (and factory of receivers): serializes each call's events into one
/// batch and XADDs it to the stream key of the queue the stream hashes to.
/// </summary>
internal sealed partial class RedisStreamsAdapter : IQueueAdapter
{
    private readonly RedisStreamsOptions _options;
    private readonly IStreamQueueMapper _queueMapper;
    private readonly RedisStreamQueue[] _queues;
    private readonly Serializer<RedisStreamBatchContainer> _serializer;
    private readonly RedisStreamsInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private int _faulted;

    public RedisStreamsAdapter(
        string name,
        string serviceId,
        RedisStreamsOptions options,
        IConnectionMultiplexer multiplexer,
        IStreamQueueMapper queueMapper,
        Serializer<RedisStreamBatchContainer> serializer,
        RedisStreamsInstruments instruments,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        Name = name;
        _options = options;
        _queueMapper = queueMapper;
        _serializer = serializer;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<RedisStreamsAdapter>();
        _queues = new RedisStreamQueue[options.QueueCount];
        for (var i = 0; i < _queues.Length; i++)
        {
            _queues[i] = new RedisStreamQueue(multiplexer, new RedisQueueKeys(options.KeyPrefix, serviceId, name, i), options, timeProvider, _ => instruments.Error("notify"));
        }
    }

    public string Name { get; }

    /// <summary>Not rewindable: a subscription cannot start from an arbitrary past token.</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (token is not null)
        {
            throw new ArgumentException("The Redis stream provider assigns sequence tokens itself; a producer cannot supply one.", nameof(token));
        }

        var batch = new RedisStreamBatchContainer(streamId, events.Cast<object>().ToList(), requestContext);
        if (batch.Events.Count == 0)
        {
            return;
        }

        var payload = _serializer.SerializeToArray(batch);
        var queue = QueueFor(streamId);
        try
        {
            await queue.AddAsync(payload);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _instruments.Error("produce");
            if (Interlocked.Exchange(ref _faulted, 1) == 0)
            {
                LogProduceFailed(queue.Keys, exception);
            }

            throw new RedisStreamsException(
                $"Could not queue {batch.Events.Count} event(s) of stream {streamId} on {queue.Keys}: {exception.Message}",
                exception);
        }

        if (Interlocked.Exchange(ref _faulted, 0) == 1)
        {
            LogProduceRecovered(queue.Keys);
        }

        _instruments.Produced(batch.Events.Count);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new RedisStreamsReceiver(
        _queues[QueueIndex(queueId)],
        _serializer,
        _options,
        _instruments,
        _timeProvider,
        _loggerFactory.CreateLogger<RedisStreamsReceiver>());

    /// <summary>The Redis I/O of the queue a stream hashes to (tests use it to inspect or corrupt a queue).</summary>
    internal RedisStreamQueue QueueFor(StreamId streamId) => _queues[QueueIndex(_queueMapper.GetQueueForStream(streamId))];

    private int QueueIndex(QueueId queueId)
    {
        var index = (int)queueId.GetNumericId();
        if (index < 0 || index >= _queues.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(queueId), $"Queue {queueId} is not one of the {_queues.Length} queues of provider '{Name}'.");
        }

        return index;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Producing to {Queue} failed; producers get RedisStreamsException until Redis is reachable again.")]
    private partial void LogProduceFailed(RedisQueueKeys queue, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Producing to {Queue} succeeds again.")]
    private partial void LogProduceRecovered(RedisQueueKeys queue);
}
