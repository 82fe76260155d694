using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using OrleansChat.Bench.Protocol;

namespace OrleansChat.Bench.Targets;

/// <summary>
/// One WebSocket to the gateway: one receive loop that routes replies to waiting commands by
/// <c>id</c> and chat messages to the sink; sends are serialized (a WebSocket allows one writer).
/// </summary>
internal sealed class OrleansChatConnection : IChatConnection
{
    private const int MaxFrameBytes = 1024 * 1024;
    private readonly int _client;
    private readonly ClientWebSocket _socket;
    private readonly IMessageSink _sink;
    private readonly TimeSpan _commandTimeout;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ServerFrame>> _pending = new();
    private readonly TaskCompletionSource<ServerFrame> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private long _nextId;
    private int _disposed;

    public OrleansChatConnection(int client, ClientWebSocket socket, IMessageSink sink, TimeSpan commandTimeout)
    {
        _client = client;
        _socket = socket;
        _sink = sink;
        _commandTimeout = commandTimeout;
        _receiveLoop = ReceiveLoopAsync(_stop.Token);
    }

    public async Task WaitForWelcomeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _welcome.Task.WaitAsync(_commandTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ChatTargetException("timeout", $"no welcome frame within {_commandTimeout.TotalSeconds:0.#} s", ex);
        }
    }

    public async Task<long> JoinAsync(string room, CancellationToken cancellationToken)
    {
        var id = NextId();
        var reply = await CommandAsync(id, Frames.Join(id, room), cancellationToken);
        return reply.Type == "ack"
            ? reply.LastSeq
            : throw new ChatTargetException(reply.Code ?? "error", $"join {room} refused: {reply.Code} {reply.Message}");
    }

    public async Task<SendOutcome> SendAsync(string room, string text, CancellationToken cancellationToken)
    {
        var id = NextId();
        try
        {
            var reply = await CommandAsync(id, Frames.Send(id, room, text), cancellationToken);
            return reply.Type == "ack" ? SendOutcome.Ack(reply.Seq) : SendOutcome.Error(reply.Code ?? "error");
        }
        catch (ChatTargetException ex)
        {
            return SendOutcome.Error(ex.Code);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_socket.State == WebSocketState.Open)
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _sendLock.WaitAsync(closeTimeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", closeTimeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }

                // The receive loop ends when the server's close frame arrives.
                await _receiveLoop.WaitAsync(closeTimeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or TimeoutException)
            {
                _socket.Abort();
            }
        }

        await _stop.CancelAsync();
        _socket.Abort();
        await _receiveLoop;
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private async Task<ServerFrame> CommandAsync(string id, byte[] frame, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<ServerFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sendLock.Release();
            }

            return await reply.Task.WaitAsync(_commandTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ChatTargetException("timeout", $"no reply to command {id} within {_commandTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (WebSocketException ex)
        {
            throw new ChatTargetException("socket", $"socket failed: {ex.Message}", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ChatTargetException("socket", "socket closed", ex);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxFrameBytes)
                        {
                            throw new WebSocketException("frame larger than 1 MiB");
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (Volatile.Read(ref _disposed) == 0)
                    {
                        // The server closed a socket we did not close: 1008 "slow consumer", 1011, …
                        _sink.OnConnectionError(_client, $"closed_{(int?)_socket.CloseStatus}");
                    }

                    break;
                }

                Dispatch(buffer.AsSpan(0, length));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _sink.OnConnectionError(_client, "socket");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            var closed = new ChatTargetException("socket", "connection closed");
            _welcome.TrySetException(closed);
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(closed);
            }
        }
    }

    private void Dispatch(ReadOnlySpan<byte> utf8)
    {
        if (!Frames.TryParse(utf8, out var frame))
        {
            _sink.OnConnectionError(_client, "unparsable_frame");
            return;
        }

        switch (frame.Type)
        {
            case "message" when frame.Room is not null && frame.Text is not null:
                _sink.OnMessage(_client, frame.Room, frame.Seq, frame.Text);
                break;
            case "welcome":
                _welcome.TrySetResult(frame);
                break;
            case "ack" or "error" or "pong" or "history" when frame.Id is not null && _pending.TryGetValue(frame.Id, out var waiting):
                waiting.TrySetResult(frame);
                break;
            case "error":
                _sink.OnConnectionError(_client, frame.Code ?? "error");
                break;
            default:
                break;
        }
    }
}
