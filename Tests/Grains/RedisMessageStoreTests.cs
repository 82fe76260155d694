using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Grains.Storage;
using OrleansChat.Tests.Gateway.Infrastructure;
using OrleansChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Grains;

/// <summary>The Redis message store against a real redis-server, checked against the in-memory store.</summary>
[Trait("Category", "Redis")]
public sealed class RedisMessageStoreTests : IAsyncLifetime
{
    private readonly string _prefix = $"test-store-{Guid.NewGuid():N}:";
    private readonly DateTimeOffset _t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisMessageStore _store = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.Shared;
        _connection = await _redis.ConnectAsync();
        _store = new RedisMessageStore(_connection, _prefix, NullLogger<RedisMessageStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        var server = _connection.GetServer(_connection.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await _connection.GetDatabase().KeyDeleteAsync(keys.ToArray());
        }

        await _store.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task AppendRoomMessage_SeqNotNextInLine_IsRefusedAndStoresNothing()
    {
        await _store.AppendRoomMessageAsync(Message("r", 1, "c1"), CancellationToken.None);

        foreach (var seq in new long[] { 1, 3, 0 })
        {
            var ex = await Assert.ThrowsAsync<ChatException>(() => _store.AppendRoomMessageAsync(Message("r", seq, null), CancellationToken.None));
            Assert.Equal(ChatErrorCode.Unavailable, ex.Code);
        }

        await _store.AppendRoomMessageAsync(Message("r", 2, null), CancellationToken.None);
        var tail = await _store.ReadRoomTailAsync("r", 10, CancellationToken.None);
        Assert.Equal(2, tail.LastSeq);
        Assert.Equal([1L, 2L], tail.Messages.Select(m => m.Message.Seq));
        Assert.Equal(["c1", null], tail.Messages.Select(m => m.ClientMsgId));
        Assert.Equal(Message("r", 1, "c1"), tail.Messages[0]);
    }

    [Fact]
    public async Task ReadRoomHistory_AnyPage_MatchesInMemoryStore()
    {
        var memory = new InMemoryMessageStore(new FakeTimeProvider(_t0));
        for (var seq = 1; seq <= 30; seq++)
        {
            await _store.AppendRoomMessageAsync(Message("h", seq, null), CancellationToken.None);
            await memory.AppendRoomMessageAsync(Message("h", seq, null), CancellationToken.None);
        }

        var queries = new[]
        {
            HistoryQuery.Latest, new HistoryQuery(null, null, 7), new HistoryQuery(10, null, 5), new HistoryQuery(3, null, 5),
            new HistoryQuery(1, null, 5), new HistoryQuery(99, null, 4), new HistoryQuery(null, 0, 3), new HistoryQuery(null, 27, 10),
            new HistoryQuery(null, 30, 10), new HistoryQuery(null, 12, 200),
        };
        foreach (var query in queries)
        {
            var expected = await memory.ReadRoomHistoryAsync("h", query, CancellationToken.None);
            var actual = await _store.ReadRoomHistoryAsync("h", query, CancellationToken.None);
            Assert.Equal(expected, actual);
        }

        Assert.Empty(await _store.ReadRoomHistoryAsync("never-written", HistoryQuery.Latest, CancellationToken.None));
        Assert.Equal(0, (await _store.ReadRoomTailAsync("never-written", 5, CancellationToken.None)).LastSeq);
    }

    [Fact]
    public async Task ReadRoomHistory_SeqNearLongMaxValue_AnswersEmptyOrLatestInBothStores()
    {
        var memory = new InMemoryMessageStore(new FakeTimeProvider(_t0));
        for (var seq = 1; seq <= 5; seq++)
        {
            await _store.AppendRoomMessageAsync(Message("big", seq, null), CancellationToken.None);
            await memory.AppendRoomMessageAsync(Message("big", seq, null), CancellationToken.None);
        }

        // The stores are the last line: a query that bypassed HistoryQuery.Validate must still get a correct
        // answer, not an overflowed stream id (which Redis refuses and the store reports as an outage) or a
        // wrapped index (which made the memory store answer the first page).
        foreach (var after in new[] { long.MaxValue, long.MaxValue - 1, long.MaxValue - ChatLimits.MaxHistoryLimit, ChatLimits.MaxSeq, 5L })
        {
            var query = new HistoryQuery(null, after, ChatLimits.MaxHistoryLimit);
            Assert.Empty(await memory.ReadRoomHistoryAsync("big", query, CancellationToken.None));
            Assert.Empty(await _store.ReadRoomHistoryAsync("big", query, CancellationToken.None));
        }

        foreach (var before in new[] { long.MaxValue, long.MaxValue - 1, ChatLimits.MaxSeq })
        {
            var query = new HistoryQuery(before, null, 3);
            Assert.Equal([3L, 4L, 5L], (await memory.ReadRoomHistoryAsync("big", query, CancellationToken.None)).Select(m => m.Seq));
            Assert.Equal([3L, 4L, 5L], (await _store.ReadRoomHistoryAsync("big", query, CancellationToken.None)).Select(m => m.Seq));
        }

        var fromStart = new HistoryQuery(null, 0, ChatLimits.MaxHistoryLimit);
        Assert.Equal(5, (await memory.ReadRoomHistoryAsync("big", fromStart, CancellationToken.None)).Count);
        Assert.Equal(5, (await _store.ReadRoomHistoryAsync("big", fromStart, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AppendDirectMessage_TrimsConversationAndDedupsPerSender()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _store.AppendDirectMessageAsync(Direct($"m{i}", i % 2 == 0 ? "a" : "b", i % 2 == 0 ? "b" : "a"), null, 3, TimeSpan.FromDays(30), TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        var first = await _store.AppendDirectMessageAsync(Direct("m6", "a", "b"), "dup", 3, TimeSpan.FromDays(30), TimeSpan.FromMinutes(1), CancellationToken.None);
        var again = await _store.AppendDirectMessageAsync(Direct("m7", "a", "b"), "dup", 3, TimeSpan.FromDays(30), TimeSpan.FromMinutes(1), CancellationToken.None);
        var otherSender = await _store.AppendDirectMessageAsync(Direct("m8", "b", "a"), "dup", 3, TimeSpan.FromDays(30), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal((first.Message.MessageId, first.Message.SentAt), (again.Message.MessageId, again.Message.SentAt));
        Assert.False(otherSender.Duplicate);
        var history = await _store.ReadDirectHistoryAsync("b", "a", 10, CancellationToken.None);
        Assert.Equal(["m5", "m6", "m8"], history.Select(m => m.MessageId));
        Assert.Equal(Direct("m6", "a", "b"), history[1]);
    }

    [Fact]
    public async Task AppendDirectMessage_ConversationExpiresAfterRetention_RenewedByEachMessage()
    {
        var key = (RedisKey)$"{_prefix}dm:{{{InMemoryMessageStore.ConversationKey("a", "b")}}}";
        var db = _connection.GetDatabase();
        await _store.AppendDirectMessageAsync(Direct("m1", "a", "b"), null, 10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        // Each message, deduplicated or not, starts the retention again.
        foreach (var clientMsgId in new[] { null, "c1" })
        {
            await db.KeyExpireAsync(key, TimeSpan.FromSeconds(30));
            await _store.AppendDirectMessageAsync(Direct($"m-{clientMsgId}", "b", "a"), clientMsgId, 10, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        }

        // When it runs out, Redis deletes the conversation: no key is left behind for a name nobody uses.
        await db.KeyExpireAsync(key, TimeSpan.FromMilliseconds(1));
        await Eventually.TrueAsync(async () => !await db.KeyExistsAsync(key), "the conversation's key to expire");
        Assert.Empty(await _store.ReadDirectHistoryAsync("a", "b", 10, CancellationToken.None));
    }

    [Fact]
    public async Task InMemoryStore_ConversationForgottenAfterRetention_RenewedByEachMessage()
    {
        var time = new FakeTimeProvider(_t0);
        var memory = new InMemoryMessageStore(time);
        var retention = TimeSpan.FromHours(1);
        await memory.AppendDirectMessageAsync(Direct("m1", "a", "b"), null, 10, retention, TimeSpan.FromMinutes(1), CancellationToken.None);
        await memory.AppendDirectMessageAsync(Direct("x1", "a", "c"), null, 10, retention, TimeSpan.FromMinutes(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));
        await memory.AppendDirectMessageAsync(Direct("m2", "b", "a"), null, 10, retention, TimeSpan.FromMinutes(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(["m1", "m2"], (await memory.ReadDirectHistoryAsync("a", "b", 10, CancellationToken.None)).Select(m => m.MessageId));
        Assert.Empty(await memory.ReadDirectHistoryAsync("a", "c", 10, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await memory.ReadDirectHistoryAsync("a", "b", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Store_RedisUnreachable_ThrowsUnavailable()
    {
        await using var privateRedis = await RedisServer.StartAsync();
        using var store = new RedisMessageStore(privateRedis.ConnectionString, _prefix, NullLogger<RedisMessageStore>.Instance);
        await store.AppendRoomMessageAsync(Message("x", 1, null), CancellationToken.None);

        await privateRedis.StopAsync();

        var ex = await Assert.ThrowsAsync<ChatException>(() => store.AppendRoomMessageAsync(Message("x", 2, null), CancellationToken.None));
        Assert.Equal(ChatErrorCode.Unavailable, ex.Code);
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
    }

    private StoredRoomMessage Message(string room, long seq, string? clientMsgId) =>
        new(new ChatMessage(room, seq, $"id{seq}", "alice", $"text {seq}", _t0.AddSeconds(seq)), clientMsgId);

    private DirectMessage Direct(string id, string from, string to) => new(id, from, to, $"text {id}", _t0);
}
