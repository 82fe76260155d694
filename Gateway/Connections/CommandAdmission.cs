using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// Bounds the commands this gateway has in flight to the cluster (<see cref="GatewayOptions.MaxCommandsInFlight"/>).
/// A command that finds no room within <see cref="GatewayOptions.OverloadQueueTimeout"/> is refused with
/// <c>overloaded</c> before anything is sent, so offered load beyond capacity is turned away instead of queued
/// without bound.
/// </summary>
internal sealed class CommandAdmission(IOptions<GatewayOptions> options, GatewayMetrics metrics, TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxCommandsInFlight, options.Value.MaxCommandsInFlight);
    private readonly TimeSpan _queueTimeout = options.Value.OverloadQueueTimeout;

    /// <summary>Commands in flight now.</summary>
    public int InFlight => options.Value.MaxCommandsInFlight - _slots.CurrentCount;

    /// <summary>Runs <paramref name="command"/> in a slot; throws <see cref="ChatException"/> (<see cref="ChatErrorCode.Overloaded"/>) when none frees up in time.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> command, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            using var timeout = new CancellationTokenSource(_queueTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await _slots.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                metrics.Overloaded();
                throw new ChatException(ChatErrorCode.Overloaded, "The chat service is at capacity; nothing was stored. Retry after a short back-off.");
            }
        }

        try
        {
            return await command();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
