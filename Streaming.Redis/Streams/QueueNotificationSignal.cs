using System.Threading.Channels;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// An auto-reset signal a receiver waits on between reads: set by producer notifications, consumed by
/// one wait. Holds at most one pending signal, so a burst of notifications costs one read.
/// </summary>
internal sealed class QueueNotificationSignal
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Set() => _signals.Writer.TryWrite(true);

    /// <summary>Waits until the signal is set, <paramref name="timeout"/> passes, or the token is cancelled.</summary>
    /// <returns><see langword="true"/> when the signal was set (and is now reset).</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (_signals.Reader.TryRead(out _))
        {
            return true;
        }

        // The wait's own token is cancelled on timeout, so no abandoned waiter stays registered on the channel.
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await _signals.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return false;
        }

        return _signals.Reader.TryRead(out _);
    }
}
