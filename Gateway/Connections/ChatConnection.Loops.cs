using System.Buffers;
using System.Net.WebSockets;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Connections;

internal sealed partial class ChatConnection
{
    private async Task RunLoopsAsync()
    {
        StartIdleTimer();
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
        try
        {
            while (true)
            {
                // Wait for the next message without a buffer: an idle connection holds none (the WebSocket
                // passes the zero-byte read down to Kestrel, which waits on the socket without one either).
                var first = await _socket.ReceiveAsync(Memory<byte>.Empty, _abort.Token);
                if (first.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var message = await ReadMessageAsync(first, limit);
                if (message is null)
                {
                    return;
                }

                if (message.Value.Count < 0 || Volatile.Read(ref _closeRequested) != 0)
                {
                    // A violation was read and dropped, or we are closing: frames that arrive now are not
                    // answered; wait for the client's close.
                    message.Value.Return();
                    continue;
                }

                Volatile.Write(ref _lastFrameTimestamp, _services.TimeProvider.GetTimestamp());
                await HandleFrameAsync(message.Value);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished or the close timeout passed: an expected way for a connection to end.
            Log.ReceiveEnded(Logger, SessionId, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Reads the rest of the message that <paramref name="first"/> (a zero-byte read) began into a buffer rented
    /// for this message only, grown up to the limit. Null when the client's close arrived instead; a count of
    /// -1 when the message broke a rule (the connection is then closing and the bytes were read and dropped,
    /// because closing with unread data would reset the TCP connection and lose our close frame).
    /// </summary>
    private async Task<RentedFrame?> ReadMessageAsync(ValueWebSocketReceiveResult first, int limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBufferBytes, limit + 1));
        var count = 0;
        var discard = false;
        var result = first;
        try
        {
            while (true)
            {
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Binary && !discard)
                {
                    RequestClose(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported", drain: true);
                    discard = true;
                }
                else if (!discard && (count += result.Count) > limit)
                {
                    RequestClose(WebSocketCloseStatus.MessageTooBig, $"message larger than {limit} bytes", drain: true);
                    discard = true;
                }

                if (result.EndOfMessage)
                {
                    var frame = new RentedFrame(buffer, discard ? -1 : count);
                    buffer = null;
                    return frame;
                }

                if (!discard && count == buffer.Length)
                {
                    // Grow (at most to limit + 1, which is enough to see that a message is too large).
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var target = discard ? buffer.AsMemory() : buffer.AsMemory(count, Math.Min(buffer.Length, limit + 1) - count);
                result = await _socket.ReceiveAsync(target, _abort.Token);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task HandleFrameAsync(RentedFrame frame)
    {
        _services.Metrics.FrameReceived();
        ParseResult parsed;
        try
        {
            parsed = FrameParser.Parse(frame.Utf8);
        }
        finally
        {
            // The parsed command owns copies of what it needs: no buffer is held while the grain call runs.
            frame.Return();
        }

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
            await _queue.EnqueueReplyAsync(reply, _abort.Token);
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
}
