using System.Net.WebSockets;

namespace OrleansChat.Bench.Targets;

/// <summary>The OrleansChat gateway: <c>GET /ws?access_token=…</c>, JSON frames (<c>docs/protocol.md</c>).</summary>
internal sealed class OrleansChatTarget(HttpMessageInvoker invoker, TokenProvider tokens, TimeSpan commandTimeout) : IChatTarget
{
    public string Name => "orleanschat";

    public async Task<IChatConnection> ConnectAsync(int client, string user, Uri server, IMessageSink sink, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(server, user, cancellationToken);
        var scheme = server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var uri = new UriBuilder(server) { Scheme = scheme, Path = "/ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        var socket = new ClientWebSocket();
        // Small buffers: thousands of idle sockets live in this one process. The gateway sends its
        // own pings; the client's keep-alive only matters when a proxy sits in between.
        socket.Options.SetBuffer(4096, 4096);
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        try
        {
            await socket.ConnectAsync(uri, invoker, cancellationToken);
        }
        catch (WebSocketException ex)
        {
            socket.Dispose();
            throw new ChatTargetException("connect", $"WebSocket connect to {server} as {user} failed: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new OrleansChatConnection(client, socket, sink, commandTimeout);
        try
        {
            await connection.WaitForWelcomeAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
