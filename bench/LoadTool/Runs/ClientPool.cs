using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// Opens many connections with bounded concurrency and closes every one it opened. Connection
/// <c>i</c> goes to server <c>i mod servers</c>, so traffic crosses the cluster.
/// </summary>
internal sealed class ClientPool(IChatTarget target, IReadOnlyList<Uri> servers, int concurrency) : IAsyncDisposable
{
    private IChatConnection?[] _opened = [];

    public IReadOnlyList<IChatConnection?> Connections => _opened;

    public int OpenCount => _opened.Count(c => c is not null);

    /// <summary>
    /// Opens <paramref name="count"/> connections (and runs <paramref name="afterConnect"/> on each,
    /// e.g. a join). Failures go to <paramref name="errors"/>; the slot stays empty.
    /// </summary>
    public async Task OpenAsync(
        int count,
        Func<int, string> userOf,
        IMessageSink sink,
        Func<int, IChatConnection, CancellationToken, Task>? afterConnect,
        ErrorCounts errors,
        CancellationToken cancellationToken)
    {
        _opened = new IChatConnection?[count];
        using var gate = new SemaphoreSlim(concurrency, concurrency);
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync(cancellationToken);
            tasks[i] = OpenOneAsync(i, gate);
        }

        await Task.WhenAll(tasks);

        async Task OpenOneAsync(int i, SemaphoreSlim slot)
        {
            try
            {
                var connection = await target.ConnectAsync(i, userOf(i), servers[i % servers.Count], sink, cancellationToken);
                _opened[i] = connection;
                if (afterConnect is not null)
                {
                    await afterConnect(i, connection, cancellationToken);
                }
            }
            catch (ChatTargetException ex)
            {
                errors.Add("setup_" + ex.Code);
                LastError = ex.Message;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                errors.Add("setup_http");
                LastError = ex.Message;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                slot.Release();
            }
        }
    }

    /// <summary>The message of the last failed open, for a clear setup-failure report.</summary>
    public string? LastError { get; private set; }

    public async ValueTask DisposeAsync()
    {
        using var gate = new SemaphoreSlim(concurrency, concurrency);
        var tasks = new List<Task>(_opened.Length);
        for (var i = 0; i < _opened.Length; i++)
        {
            if (_opened[i] is { } connection)
            {
                _opened[i] = null;
                await gate.WaitAsync(CancellationToken.None);
                tasks.Add(CloseOneAsync(connection, gate));
            }
        }

        await Task.WhenAll(tasks);

        static async Task CloseOneAsync(IChatConnection connection, SemaphoreSlim slot)
        {
            try
            {
                await connection.DisposeAsync();
            }
            finally
            {
                slot.Release();
            }
        }
    }
}
