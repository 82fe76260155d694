using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// Creates the adapter, cache and queue mapper of one named provider. Owns the provider's connection
/// (disposing it only when the provider created it) and its metric instruments.
/// </summary>
internal sealed class RedisStreamsAdapterFactory : IQueueAdapterFactory, IDisposable, IAsyncDisposable
{
    private readonly string _name;
    private readonly string _serviceId;
    private readonly RedisStreamsOptions _options;
    private readonly RedisStreamsConnection _connection;
    private readonly Serializer<RedisStreamBatchContainer> _serializer;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly HashRingBasedStreamQueueMapper _queueMapper;
    private readonly RedisStreamsQueueAdapterCache _cache;
    private readonly SemaphoreSlim _adapterLock = new(1, 1);
    private RedisStreamsAdapter? _adapter;

    public RedisStreamsAdapterFactory(
        string name,
        string serviceId,
        RedisStreamsOptions options,
        RedisStreamsConnection connection,
        Serializer<RedisStreamBatchContainer> serializer,
        RedisStreamsInstruments instruments,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _connection = connection;
        _serializer = serializer;
        Instruments = instruments;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _queueMapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        _cache = new RedisStreamsQueueAdapterCache(options.CacheSize, options.CacheMinimumAge, timeProvider, instruments, loggerFactory);
    }

    internal RedisStreamsInstruments Instruments { get; }

    /// <summary>The <c>Func&lt;IServiceProvider, string, IQueueAdapterFactory&gt;</c> given to <c>AddPersistentStreams</c>.</summary>
    public static RedisStreamsAdapterFactory Create(IServiceProvider services, string name)
    {
        // Resolving named options runs the validator; a bad value fails here with its message.
        var options = services.GetRequiredService<IOptionsMonitor<RedisStreamsOptions>>().Get(name);
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        RedisStreamsConnection connection;
        if (options.ConnectionString is { } connectionString)
        {
            connection = RedisStreamsConnection.Create(connectionString);
        }
        else
        {
            var multiplexer = services.GetKeyedService<IConnectionMultiplexer>(name) ?? services.GetService<IConnectionMultiplexer>()
                ?? throw new RedisStreamsException(
                    $"Stream provider '{name}' has no RedisStreamsOptions.ConnectionString and no IConnectionMultiplexer is registered (keyed '{name}' or unkeyed).");
            connection = RedisStreamsConnection.Borrow(multiplexer);
        }

        return new RedisStreamsAdapterFactory(
            name,
            serviceId,
            options,
            connection,
            services.GetRequiredService<Serializer<RedisStreamBatchContainer>>(),
            new RedisStreamsInstruments(services.GetService<IMeterFactory>(), name),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>());
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => await GetAdapterAsync(cancellationToken);

    /// <summary>The provider's one adapter, created on first use.</summary>
    internal async Task<RedisStreamsAdapter> GetAdapterAsync(CancellationToken cancellationToken)
    {
        if (_adapter is { } existing)
        {
            return existing;
        }

        await _adapterLock.WaitAsync(cancellationToken);
        try
        {
            if (_adapter is null)
            {
                var multiplexer = await _connection.GetAsync(cancellationToken);
                _adapter = new RedisStreamsAdapter(_name, _serviceId, _options, multiplexer, _queueMapper, _serializer, Instruments, _timeProvider, _loggerFactory);
            }

            return _adapter;
        }
        finally
        {
            _adapterLock.Release();
        }
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _queueMapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        Instruments.Dispose();
        _adapterLock.Dispose();
    }

    public void Dispose()
    {
        _connection.Dispose();
        Instruments.Dispose();
        _adapterLock.Dispose();
    }
}
