using System.Buffers;
using System.Net.WebSockets;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Connections;

internal sealed partial class ChatConnection
{
    private async Task RunLoopsAsync()
    {
        ResetIdleTimer();
        var receiving = ReceiveLoopAsync();
        var sending = SendLoopAsync();
        var first = await Task.WhenAny(receiving, sending);
        if (first == receiving)
        {
            // The client closed (or broke a rule and was told): let the send loop flush and answer the close.
            RequestClose(WebSocketCloseStatus.NormalClosure, "closing", drain: true);
        }
        else
        {
            // We sent our close frame (or the socket failed): give the client the close timeout to answer.
            RequestClose(WebSocketCloseStatus.NormalClosure, "closing", drain: false);
        }

        // Both loops observe _abort, which fires after the close timeout; this never waits longer than that.
        await Task.WhenAll(receiving, sending);
        if (_socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var limit = _services.Options.MaxMessageBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count, limit + 1 - count), _abort.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (result.MessageType == WebSocketMessageType.Binary)
                    {
                        RequestClose(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported", drain: true);
                        return;
                    }

                    count += result.Count;
                    if (count > limit)
                    {
                        RequestClose(WebSocketCloseStatus.MessageTooBig, $"message larger than {limit} bytes", drain: true);
                        return;
                    }
                }
                while (!result.EndOfMessage);

                if (Volatile.Read(ref _closeRequested) != 0)
                {
                    // Closing: frames that arrive now are not answered.
                    continue;
                }

                ResetIdleTimer();
                await HandleFrameAsync(buffer.AsMemory(0, count));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished or the close timeout passed: an expected way for a connection to end.
            Log.ReceiveEnded(Logger, SessionId, ex.GetType().Name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> utf8)
    {
        _services.Metrics.FrameReceived();
        var parsed = FrameParser.Parse(utf8);
        byte[]? reply;
        if (!_rateLimit!.TryTake())
        {
            _services.Metrics.RateLimited();
            reply = Error(parsed.Id, ChatErrorCode.RateLimited, "Too many commands: slow down and retry.");
        }
        else if (parsed.Command is null)
        {
            reply = Error(parsed.Id, ChatErrorCode.BadRequest, parsed.Error!);
        }
        else
        {
            reply = await _services.Dispatcher.ExecuteAsync(UserId, parsed.Command, _abort.Token);
        }

        if (reply is not null)
        {
            Deliver(reply);
        }
    }

    private byte[] Error(string? id, ChatErrorCode code, string message)
    {
        var wire = ErrorCodes.ToWire(code);
        _services.Metrics.Error(wire);
        return FrameSerializer.Error(id, wire, message);
    }

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    if (Volatile.Read(ref _closeRequested) != 0 && !_drainOnClose)
                    {
                        break;
                    }

                    await _socket.SendAsync(frame, WebSocketMessageType.Text, true, _abort.Token);
                    _services.Metrics.FrameSent();
                }

                if (Volatile.Read(ref _closeRequested) != 0 && !_drainOnClose)
                {
                    break;
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeDescription, _abort.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.SendEnded(Logger, SessionId, ex.GetType().Name);
        }
    }

    private void ResetIdleTimer()
    {
        try
        {
            _idleTimer.Change(_services.Options.IdleTimeout, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }
}
