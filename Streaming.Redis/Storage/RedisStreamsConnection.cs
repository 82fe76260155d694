using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>
/// The provider's Redis connection: either one it creates from a configuration string (and disposes),
/// or a multiplexer borrowed from dependency injection (never disposed here).
/// </summary>
internal sealed class RedisStreamsConnection : IAsyncDisposable, IDisposable
{
    private readonly string? _configuration;
    private readonly IConnectionMultiplexer? _borrowed;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _owned;

    private RedisStreamsConnection(string? configuration, IConnectionMultiplexer? borrowed)
    {
        _configuration = configuration;
        _borrowed = borrowed;
    }

    public static RedisStreamsConnection Create(string configuration) => new(configuration, null);

    public static RedisStreamsConnection Borrow(IConnectionMultiplexer multiplexer) => new(null, multiplexer);

    public async Task<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (_borrowed is not null)
        {
            return _borrowed;
        }

        if (_owned is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_owned is null)
            {
                var options = ConfigurationOptions.Parse(_configuration!);

                // Start even when Redis is down: the connection retries in the background and
                // operations fail (bounded by OperationTimeout) until it is back.
                options.AbortOnConnectFail = false;
                _owned = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _owned;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is { } owned)
        {
            _owned = null;
            await owned.DisposeAsync();
        }

        _connectLock.Dispose();
    }

    public void Dispose()
    {
        if (_owned is { } owned)
        {
            _owned = null;
            owned.Dispose();
        }

        _connectLock.Dispose();
    }
}
