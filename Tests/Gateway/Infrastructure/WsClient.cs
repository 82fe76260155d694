using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// A test client on a real <see cref="ClientWebSocket"/>: a background loop reads every frame into a queue
/// (and a log of all frames); the close status is recorded when the server closes.
/// </summary>
public sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _all = [];
    private readonly Queue<JsonElement> _kept = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private readonly bool _autoRead;
    private int _nextId;

    private WsClient(ClientWebSocket socket, bool autoRead)
    {
        _socket = socket;
        _autoRead = autoRead;
        _loop = autoRead ? ReadLoopAsync() : Task.CompletedTask;
    }

    public ClientWebSocket Socket => _socket;

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public string? CloseDescription { get; private set; }

    /// <summary>Completes when the server closed or the socket failed.</summary>
    public Task Closed => _closed.Task;

    public IReadOnlyList<JsonElement> AllFrames
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static async Task<WsClient> ConnectAsync(Uri uri, string? token, bool viaQuery = false, bool autoRead = true)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var target = uri;
        if (token is not null)
        {
            if (viaQuery)
            {
                target = new Uri($"{uri}?access_token={Uri.EscapeDataString(token)}");
            }
            else
            {
                socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
            }
        }

        using var cts = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(target, cts.Token);
        return new WsClient(socket, autoRead);
    }

    /// <summary>Connects and reads the <c>welcome</c> frame.</summary>
    public static async Task<(WsClient Client, JsonElement Welcome)> ConnectWelcomedAsync(Uri uri, string token)
    {
        var client = await ConnectAsync(uri, token);
        var welcome = await client.NextAsync("the welcome frame");
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        return (client, welcome);
    }

    public Task SendTextAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendBytesAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(bytes, type, true, cts.Token);
    }

    /// <summary>Sends a command with a fresh id and returns the one frame that carries that id.</summary>
    public async Task<JsonElement> CommandAsync(object command, string? what = null)
    {
        var id = $"t{Interlocked.Increment(ref _nextId)}";
        var json = JsonSerializer.SerializeToElement(command);
        var dict = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        dict["id"] = id;
        await SendTextAsync(JsonSerializer.Serialize(dict));

        // Events that arrive before the reply (a message may overtake its own ack) are kept, in order, for
        // the next NextAsync: waiting for a reply must not swallow what a test reads next.
        return await NextAsync(what ?? $"the reply to {json}", f => Id(f) == id, keepSkipped: true);
    }

    /// <summary>The next frame (any type).</summary>
    public Task<JsonElement> NextAsync(string what) => NextAsync(what, _ => true);

    /// <summary>The next frame matching <paramref name="match"/>; frames that do not match are skipped.</summary>
    public Task<JsonElement> NextAsync(string what, Func<JsonElement, bool> match) => NextAsync(what, match, keepSkipped: false);

    private async Task<JsonElement> NextAsync(string what, Func<JsonElement, bool> match, bool keepSkipped)
    {
        // Frames a command's wait kept come first, in the order they arrived.
        var kept = new List<JsonElement>();
        while (_kept.TryDequeue(out var earlier))
        {
            if (match(earlier))
            {
                RequeueFirst(kept);
                return earlier;
            }

            if (keepSkipped)
            {
                kept.Add(earlier);
            }
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cts.Token);
                if (match(frame))
                {
                    RequeueFirst(kept);
                    return frame;
                }

                if (keepSkipped)
                {
                    kept.Add(frame);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}. Frames received: {DescribeFrames()}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The socket closed ({CloseStatus} {CloseDescription}) while waiting for {what}.");
        }
    }

    // Puts frames back ahead of whatever is still kept (the queue is empty unless a match came from it).
    private void RequeueFirst(List<JsonElement> frames)
    {
        if (frames.Count == 0)
        {
            return;
        }

        var rest = _kept.ToArray();
        _kept.Clear();
        foreach (var frame in frames.Concat(rest))
        {
            _kept.Enqueue(frame);
        }
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping others.</summary>
    public Task<JsonElement> NextOfTypeAsync(string type, Func<JsonElement, bool>? match = null) =>
        NextAsync($"a '{type}' frame", f => Type(f) == type && (match is null || match(f)));

    public async Task WaitClosedAsync(string what)
    {
        try
        {
            await Closed.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for the server to close the socket ({what}).");
        }
    }

    /// <summary>
    /// Starts the closing handshake. With the read loop running only the close frame is sent here
    /// (<see cref="WebSocket.CloseAsync"/> would receive concurrently with the loop and split a frame
    /// between two readers); the loop reads on until the server's close frame arrives.
    /// </summary>
    public async Task CloseAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            if (_autoRead)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
                await _loop.WaitAsync(cts.Token);
            }
            else
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone, or the server never answered: DisposeAsync aborts.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _socket.Abort();
        await _loop;
        _socket.Dispose();
    }

    /// <summary>The last frames this client received, for failure messages.</summary>
    public string DescribeFrames()
    {
        var frames = AllFrames;
        var shown = frames.Skip(Math.Max(0, frames.Count - 20)).Select(f => f.GetRawText()).Select(t => t.Length > 200 ? t[..200] + "…" : t);
        return $"{frames.Count} in all; last: {string.Join(" | ", shown)}";
    }

    public static string? Type(JsonElement frame) => frame.TryGetProperty("type", out var t) ? t.GetString() : null;

    public static string? Id(JsonElement frame) => frame.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        CloseStatus = result.CloseStatus;
                        CloseDescription = result.CloseStatusDescription;
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                lock (_all)
                {
                    _all.Add(frame);
                }

                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket went away; Closed says so.
        }
        finally
        {
            _frames.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
