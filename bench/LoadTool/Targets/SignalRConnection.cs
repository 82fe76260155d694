using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OrleansChat.Bench.Targets;

/// <summary>One hub connection to the SignalR peer: <c>JoinRoom</c>, <c>Send</c>, and its <c>message</c> events.</summary>
internal sealed partial class SignalRConnection : IChatConnection
{
    private readonly HubConnection _hub;
    private readonly TimeSpan _commandTimeout;
    private readonly IDisposable _subscription;
    private int _disposed;

    public SignalRConnection(int client, HubConnection hub, IMessageSink sink, TimeSpan commandTimeout)
    {
        _hub = hub;
        _commandTimeout = commandTimeout;
        _subscription = hub.On<PeerMessage>("message", m => sink.OnMessage(client, m.Room, m.Seq, m.Text));
        hub.Closed += ex =>
        {
            if (ex is not null && Volatile.Read(ref _disposed) == 0)
            {
                sink.OnConnectionError(client, "socket");
            }

            return Task.CompletedTask;
        };
    }

    public async Task<long> JoinAsync(string room, CancellationToken cancellationToken)
    {
        try
        {
            return await _hub.InvokeAsync<long>("JoinRoom", room, cancellationToken).WaitAsync(_commandTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new ChatTargetException("timeout", $"no reply to JoinRoom within {_commandTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (HubException ex)
        {
            throw new ChatTargetException(CodeOf(ex), $"JoinRoom {room} refused: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ChatTargetException("socket", $"JoinRoom failed: {ex.Message}", ex);
        }
    }

    public async Task<SendOutcome> SendAsync(string room, string text, CancellationToken cancellationToken)
    {
        try
        {
            var ack = await _hub.InvokeAsync<PeerAck>("Send", room, text, cancellationToken).WaitAsync(_commandTimeout, cancellationToken);
            return SendOutcome.Ack(ack.Seq);
        }
        catch (TimeoutException)
        {
            return SendOutcome.Error("timeout");
        }
        catch (HubException ex)
        {
            return SendOutcome.Error(CodeOf(ex));
        }
        catch (InvalidOperationException)
        {
            return SendOutcome.Error("socket");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _subscription.Dispose();
        await _hub.DisposeAsync();
    }

    /// <summary>The peer throws <c>HubException("code: text")</c>; SignalR wraps the text it passes on.</summary>
    private static string CodeOf(HubException ex) =>
        CodePattern().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : "error";

    [GeneratedRegex(@"\b(bad_request|forbidden|not_found|rate_limited|too_large|unavailable|internal):")]
    private static partial Regex CodePattern();
}
