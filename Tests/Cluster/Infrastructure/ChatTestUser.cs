using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// A user of the cluster in a fault test: sends to its room steadily through one gateway, and when its
/// socket dies it reconnects (to the next gateway), recovers the gap with <c>history after</c> as the
/// protocol prescribes, and re-sends what was not acknowledged with the same <c>clientMsgId</c>.
/// </summary>
public sealed class ChatTestUser(LocalCluster cluster, string user, string room, int gateway) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, string> _seen = new();
    private readonly ConcurrentDictionary<long, string> _seenLive = new();
    private readonly List<SendAttempt> _sends = [];
    private WsClient? _client;
    private int _gateway = gateway;
    private long _lastLiveSeq;

    public string User { get; } = user;

    public string Room { get; } = room;

    /// <summary>The gateway this user connected to first.</summary>
    public int StartGateway { get; } = gateway;

    public int Reconnects { get; private set; }

    /// <summary>Every message (seq → messageId) this user got, live or recovered from history.</summary>
    public IReadOnlyDictionary<long, string> Seen => _seen;

    /// <summary>The messages (seq → messageId) this user got live, on an open connection, as of the last collection.</summary>
    public IReadOnlyDictionary<long, string> SeenLive => _seenLive;

    /// <summary>Collects what arrived live on the current connection so far.</summary>
    public void CollectLiveNow() => CollectLive();

    /// <summary>Every send this user attempted and what it got, in order.</summary>
    public IReadOnlyList<SendAttempt> Outcomes
    {
        get
        {
            lock (_sends)
            {
                return [.. _sends];
            }
        }
    }

    public async Task ConnectAndJoinAsync()
    {
        await ConnectAsync();
        var ack = await _client!.CommandAsync(new { type = "join", room = Room });
        Assert.Equal("ack", WsClient.Type(ack));
    }

    /// <summary>Sends one message every <paramref name="interval"/> until <paramref name="stop"/>, riding out faults.</summary>
    public async Task SendSteadilyAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        var n = 0;
        string? pending = null;
        while (!stop.IsCancellationRequested)
        {
            var text = pending ??= $"{User}-{n++}";
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                var reply = await _client!.CommandAsync(new { type = "send", room = Room, text, clientMsgId = text });
                var send = WsClient.Type(reply) == "ack"
                    ? new SendAttempt(text, sentAt, reply.GetProperty("seq").GetInt64(), reply.GetProperty("messageId").GetString(), null)
                    : new SendAttempt(text, sentAt, null, null, reply.GetProperty("code").GetString());
                Record(send);
                if (send.Seq is not null)
                {
                    pending = null;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
            {
                // The socket died (a killed gateway, or the session was lost with its silo): move on and recover.
                Record(new SendAttempt(text, sentAt, null, null, "disconnected"));
                await ReconnectAsync(stop);
            }

            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Reconnects if needed and fetches everything after the last message seen live.</summary>
    public async Task CatchUpAsync()
    {
        // The server may still close a connection whose session a fault took away: reconnect and read again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (_client is null || _client.Closed.IsCompleted || _client.Socket.State != System.Net.WebSockets.WebSocketState.Open)
                {
                    CollectLive();
                    if (_client is not null)
                    {
                        await _client.DisposeAsync();
                    }

                    await ConnectAsync();
                }

                CollectLive();
                await FetchAfterAsync(0);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is InvalidOperationException or TimeoutException or System.Net.WebSockets.WebSocketException)
            {
                _client = null;
                _gateway = (_gateway + 1) % cluster.Gateways.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    private async Task ReconnectAsync(CancellationToken stop)
    {
        CollectLive();
        if (_client is not null)
        {
            await _client.DisposeAsync();
            _client = null;
        }

        while (!stop.IsCancellationRequested)
        {
            _gateway = (_gateway + 1) % cluster.Gateways.Count;
            try
            {
                await ConnectAsync();
                Reconnects++;
                await FetchAfterAsync(_lastLiveSeq);
                return;
            }
            catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException)
            {
                // That gateway is down too; try the next.
            }
        }
    }

    private async Task ConnectAsync()
    {
        var (client, _) = await WsClient.ConnectWelcomedAsync(cluster.WebSocketUri(_gateway), cluster.Token(User));
        _client = client;
    }

    private void CollectLive()
    {
        if (_client is null)
        {
            return;
        }

        foreach (var frame in _client.AllFrames.Where(f => WsClient.Type(f) == "message" && f.GetProperty("room").GetString() == Room))
        {
            var seq = frame.GetProperty("seq").GetInt64();
            _seen[seq] = frame.GetProperty("messageId").GetString()!;
            _seenLive[seq] = _seen[seq];
            _lastLiveSeq = Math.Max(_lastLiveSeq, seq);
        }
    }

    private async Task FetchAfterAsync(long after)
    {
        while (true)
        {
            var page = await _client!.CommandAsync(new { type = "history", room = Room, after, limit = 200 });
            Assert.True(WsClient.Type(page) == "history", $"history after {after} failed: {page}");
            var messages = page.GetProperty("messages").EnumerateArray().ToList();
            foreach (var message in messages)
            {
                _seen[message.GetProperty("seq").GetInt64()] = message.GetProperty("messageId").GetString()!;
            }

            if (messages.Count < 200)
            {
                return;
            }

            after = messages[^1].GetProperty("seq").GetInt64();
        }
    }

    private void Record(SendAttempt send)
    {
        lock (_sends)
        {
            _sends.Add(send);
        }
    }
}
