using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OrleansChat.Grains.Storage;

/// <summary>
/// The message store on Redis. Each room is one Redis stream whose entry ids are <c>{seq}-0</c>, appended by a
/// script that checks the seq continues the stream by exactly one; each direct conversation is a stream trimmed
/// to a maximum length, with dedup keys that expire. Keys: <c>{prefix}room:{room}</c>,
/// <c>{prefix}dm:{a|b}</c>, <c>{prefix}dmid:{a|b}:{from}:{clientMsgId}</c> (hash tags keep a conversation's keys in one slot).
/// </summary>
internal sealed partial class RedisMessageStore : IMessageStore, IAsyncDisposable, IDisposable
{
    private readonly string _prefix;
    private readonly ILogger<RedisMessageStore> _logger;
    private readonly Func<Task<IConnectionMultiplexer>> _connect;
    private readonly bool _ownsConnection;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private IConnectionMultiplexer? _connection;
    private int _failing;

    /// <summary>Uses a multiplexer owned by someone else (not disposed here).</summary>
    public RedisMessageStore(IConnectionMultiplexer connection, string prefix, ILogger<RedisMessageStore> logger)
    {
        _connection = connection;
        _connect = () => Task.FromResult(connection);
        _prefix = prefix;
        _logger = logger;
    }

    /// <summary>Connects on first use with this configuration, and disposes the connection.</summary>
    public RedisMessageStore(string configuration, string prefix, ILogger<RedisMessageStore> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        _connect = async () => await ConnectionMultiplexer.ConnectAsync(options);
        _ownsConnection = true;
        _prefix = prefix;
        _logger = logger;
    }

    public async Task<RoomTail> ReadRoomTailAsync(string room, int count, CancellationToken cancellationToken)
    {
        var entries = await RunAsync(db => db.StreamRangeAsync(RoomKey(room), "-", "+", count, Order.Descending), "read the tail of room", room);
        if (entries.Length == 0)
        {
            return new RoomTail(0, []);
        }

        var messages = entries.Reverse().Select(e => ToStoredRoomMessage(room, e)).ToList();
        return new RoomTail(messages[^1].Message.Seq, messages);
    }

    public async Task AppendRoomMessageAsync(StoredRoomMessage message, CancellationToken cancellationToken)
    {
        var m = message.Message;
        await RunAsync(
            db => db.ScriptEvaluateAsync(
                AppendRoomScript,
                [RoomKey(m.Room)],
                [m.Seq, m.MessageId, m.From, m.Text, m.SentAt.ToUnixTimeMilliseconds(), message.ClientMsgId ?? string.Empty]),
            "append to room",
            m.Room);
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadRoomHistoryAsync(string room, HistoryQuery query, CancellationToken cancellationToken)
    {
        StreamEntry[] entries;
        if (query.After is { } after)
        {
            // after + 1 must stay a valid stream id: past long.MaxValue it would wrap to a negative one, which
            // Redis refuses, and a refusal reads as an outage. Nothing can follow the largest seq.
            if (after == long.MaxValue)
            {
                return [];
            }

            entries = await RunAsync(db => db.StreamRangeAsync(RoomKey(room), EntryId(Math.Max(after, 0) + 1), "+", query.Limit, Order.Ascending), "read history of room", room);
            return entries.Select(e => ToStoredRoomMessage(room, e).Message).ToList();
        }

        if (query.Before is { } before && before <= 1)
        {
            return [];
        }

        var max = query.Before is { } b ? EntryId(b - 1) : "+";
        entries = await RunAsync(db => db.StreamRangeAsync(RoomKey(room), "-", max, query.Limit, Order.Descending), "read history of room", room);
        return entries.Reverse().Select(e => ToStoredRoomMessage(room, e).Message).ToList();
    }

    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection?.Dispose();
        }

        _connectLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectLock.Dispose();
    }

    private static string EntryId(long seq) => seq.ToString(CultureInfo.InvariantCulture) + "-0";

    private RedisKey RoomKey(string room) => $"{_prefix}room:{{{room}}}";

    private static StoredRoomMessage ToStoredRoomMessage(string room, StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var seq = long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        var clientMsgId = (string?)entry["c"];
        var message = new ChatMessage(
            room,
            seq,
            (string)entry["m"]!,
            (string)entry["f"]!,
            (string)entry["t"]!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)entry["a"]));
        return new StoredRoomMessage(message, string.IsNullOrEmpty(clientMsgId) ? null : clientMsgId);
    }

    /// <summary>
    /// Runs a Redis operation; Redis failures become <see cref="ChatErrorCode.Unavailable"/>, logged once per outage.
    /// The Redis exception is logged, not attached: a <see cref="ChatException"/> crosses grain boundaries, and
    /// Orleans cannot serialize StackExchange.Redis exceptions.
    /// </summary>
    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, string what, string subject)
    {
        try
        {
            var database = (await GetConnectionAsync()).GetDatabase();
            var result = await operation(database);
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                LogRecovered();
            }

            return result;
        }
        catch (RedisServerException ex) when (ex.Message.Contains("SEQ_CONFLICT", StringComparison.Ordinal))
        {
            LogSeqConflict(subject, ex.Message);
            throw new ChatException(ChatErrorCode.Unavailable, $"Room '{subject}' changed concurrently; nothing was stored. Retry.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogUnavailable(what, subject, ex);
            }

            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable; nothing was stored. Retry later.");
        }
    }

    private async Task<IConnectionMultiplexer> GetConnectionAsync()
    {
        if (_connection is { } connection)
        {
            return connection;
        }

        await _connectLock.WaitAsync();
        try
        {
            return _connection ??= await _connect();
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
