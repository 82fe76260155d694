using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Targets;

/// <summary>
/// The SignalR + Redis peer (<c>bench/peers/SignalR</c>) through the official .NET client, straight
/// to WebSockets (no negotiate round trip, as OrleansChat has none). The user is the <c>user</c>
/// query parameter: the peer does no authentication.
/// </summary>
internal sealed class SignalRTarget(TimeSpan commandTimeout) : IChatTarget
{
    public string Name => "signalr";

    public async Task<IChatConnection> ConnectAsync(int client, string user, Uri server, IMessageSink sink, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(server) { Path = "/chat", Query = "user=" + Uri.EscapeDataString(user) }.Uri;
        var hub = new HubConnectionBuilder()
            .WithUrl(uri, options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.WebSocketConfiguration = socket => socket.SetBuffer(4096, 4096);
            })
            .Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2);
        var connection = new SignalRConnection(client, hub, sink, commandTimeout);
        try
        {
            await hub.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new ChatTargetException("connect", $"SignalR connect to {server} as {user} failed: {ex.Message}", ex);
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
