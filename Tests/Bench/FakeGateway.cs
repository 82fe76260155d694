using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OrleansChat.Tests.Bench;

/// <summary>
/// A tiny stand-in for the gateway (HttpListener): <c>POST /api/dev/token</c>, and <c>/ws</c> that
/// sends <c>welcome</c>, acks <c>join</c>, and answers <c>send</c> with an ack plus the
/// <c>message</c> (or <c>forbidden</c> when the text is "refuse"); user "intruder" gets 401. Enough to test the load tool's client.
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly bool _sendWelcome;
    private long _seq;

    public FakeGateway(bool sendWelcome = true)
    {
        _sendWelcome = sendWelcome;
        var port = FreePort();
        Uri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Uri.ToString());
        _listener.Start();
        _accept = AcceptLoopAsync();
    }

    public Uri Uri { get; }

    public List<string> Tokens { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _listener.Close();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var context = await _listener.GetContextAsync();
                sessions.Add(HandleAsync(context));
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (context.Request.Url!.AbsolutePath == "/api/dev/token")
        {
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            var user = body.RootElement.GetProperty("user").GetString();
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { token = "tok-" + user }));
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
            return;
        }

        var token = context.Request.QueryString["access_token"];
        if (context.Request.Url.AbsolutePath != "/ws" || !context.Request.IsWebSocketRequest || token is null or "tok-intruder")
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }

        lock (Tokens)
        {
            Tokens.Add(token);
        }

        var socket = (await context.AcceptWebSocketAsync(subProtocol: null)).WebSocket;
        try
        {
            await SessionAsync(socket, token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task SessionAsync(WebSocket socket, string token)
    {
        var ct = _stop.Token;
        if (_sendWelcome)
        {
            await SendAsync(socket, new { type = "welcome", user = token, session = "s1", rooms = Array.Empty<object>() }, ct);
        }

        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
                return;
            }

            using var frame = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            var root = frame.RootElement;
            var id = root.GetProperty("id").GetString();
            switch (root.GetProperty("type").GetString())
            {
                case "join":
                    await SendAsync(socket, new { type = "ack", id, lastSeq = 0 }, ct);
                    break;
                case "send" when root.GetProperty("text").GetString() == "refuse":
                    await SendAsync(socket, new { type = "error", id, code = "forbidden", message = "not a member" }, ct);
                    break;
                case "send":
                    var seq = Interlocked.Increment(ref _seq);
                    var room = root.GetProperty("room").GetString();
                    await SendAsync(socket, new { type = "ack", id, room, seq, messageId = "m" + seq, sentAt = "2026-11-24T00:00:00Z" }, ct);
                    await SendAsync(socket, new { type = "message", room, seq, messageId = "m" + seq, from = token, text = root.GetProperty("text").GetString(), sentAt = "2026-11-24T00:00:00Z" }, ct);
                    break;
                default:
                    await SendAsync(socket, new { type = "error", id, code = "bad_request", message = "unknown type" }, ct);
                    break;
            }
        }
    }

    private static Task SendAsync(WebSocket socket, object frame, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, endOfMessage: true, ct);
}
