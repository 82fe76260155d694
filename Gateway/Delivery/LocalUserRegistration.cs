using OrleansChat.Gateway.Connections;

namespace OrleansChat.Gateway.Delivery;

/// <summary>One connection's place among its user's local connections; disposing it detaches (once).</summary>
internal sealed class LocalUserRegistration(DeliveryHub hub, LocalUser user, IFrameSink sink) : IAsyncDisposable
{
    private int _disposed;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(hub.DetachAsync(user, sink)) : ValueTask.CompletedTask;
}
