using System.Net.WebSockets;

namespace OrleansChat.Gateway.Connections;

internal sealed partial class ChatConnection
{
    private void StartIdleTimer()
    {
        Volatile.Write(ref _lastFrameTimestamp, _services.TimeProvider.GetTimestamp());
        ArmIdleTimer(_services.Options.IdleTimeout);
    }

    /// <summary>
    /// A frame only records its time; the timer is not moved per frame (that takes the timer queue's lock on
    /// every frame of every connection). When it fires it closes the connection if no frame came within the
    /// idle timeout, and otherwise re-arms itself for what is left of it.
    /// </summary>
    private void OnIdleTimer()
    {
        var silent = _services.TimeProvider.GetElapsedTime(Volatile.Read(ref _lastFrameTimestamp));
        var left = _services.Options.IdleTimeout - silent;
        if (left > TimeSpan.Zero)
        {
            ArmIdleTimer(left);
            return;
        }

        RequestClose(WebSocketCloseStatus.NormalClosure, "idle timeout", drain: true);
    }

    private void ArmIdleTimer(TimeSpan dueTime)
    {
        try
        {
            _idleTimer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }
}
