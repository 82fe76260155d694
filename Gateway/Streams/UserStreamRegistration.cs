using OrleansChat.Gateway.Connections;

namespace OrleansChat.Gateway.Streams;

/// <summary>One connection's place in a user's fan-out; disposing it detaches (once).</summary>
internal sealed class UserStreamRegistration(UserStreamHub hub, UserStream stream, IFrameSink sink) : IAsyncDisposable
{
    private int _disposed;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(hub.DetachAsync(stream, sink)) : ValueTask.CompletedTask;
}
