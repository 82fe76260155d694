namespace OrleansChat.Tests.Grains;

/// <summary>When Redis refuses a write, a post fails as unavailable and leaves no trace: no seq used, nothing published.</summary>
[Trait("Category", "Redis")]
public sealed class ChatRoomStoreFailureTests(PrivateRedisStoreClusterFixture fixture)
    : ChatGrainTestBase(fixture), IClassFixture<PrivateRedisStoreClusterFixture>
{
    [Fact]
    public async Task Post_RedisRefusesWrite_UnavailableWithNoSeqConsumedNorEventPublished()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);
        await using var roomProbe = await StreamProbe.ForRoomAsync(Client, room);
        await Room(room).PostAsync(alice, "one", null);

        await using (var admin = await fixture.Redis.ConnectAsync())
        {
            // The store appends through a script; revoking XADD makes Redis refuse exactly that write.
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "default", "-xadd");
            try
            {
                var ex = await AssertChatErrorAsync(ChatErrorCode.Unavailable, () => Room(room).PostAsync(alice, "lost", "retry-me"));
                Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
            }
            finally
            {
                await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "default", "+xadd");
            }
        }

        var retried = await Room(room).PostAsync(alice, "lost", "retry-me");
        Assert.Equal(2, retried.Seq);
        Assert.False(retried.Duplicate);
        await roomProbe.WaitForAsync<RoomMessageEvent>(e => e.Message.Seq == 2, "seq 2 on the room stream");
        Assert.Equal([1L, 2L], roomProbe.Events.OfType<RoomMessageEvent>().Select(e => e.Message.Seq));
        Assert.Equal(["one", "lost"], (await Room(room).GetHistoryAsync(alice, HistoryQuery.Latest)).Select(m => m.Text));
    }

    [Fact]
    public async Task StoreLosesTheRoom_SeqStartsAgainUnderANewEpoch()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);
        Assert.Null((await Room(room).GetSummaryAsync()).Epoch);
        var first = await Room(room).PostAsync(alice, "one", null);
        await Room(room).PostAsync(alice, "two", null);
        var before = await Room(room).GetSummaryAsync();
        Assert.Equal((2L, first.MessageId), (before.LastSeq, before.Epoch));

        // The epoch survives the room's deactivation: it is read back from the store.
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Fixture.Cluster.WaitForDeactivationAsync(Room(room));
        Assert.Equal(before, await Room(room).GetSummaryAsync());

        // The store loses the room's messages behind the grain's back (a Redis restart without persistence).
        await using (var admin = await fixture.Redis.ConnectAsync())
        {
            var server = admin.GetServer(admin.GetEndPoints()[0]);
            await foreach (var key in server.KeysAsync(pattern: $"*{room}*"))
            {
                await admin.GetDatabase().KeyDeleteAsync(key);
            }
        }

        // The first post finds the store behind the room's seq and stores nothing; the room then starts again at
        // seq 1, under a new epoch, so clients that saw the old seqs can tell.
        PostResult? again = null;
        for (var attempt = 0; attempt < 3 && again is null; attempt++)
        {
            try
            {
                again = await Room(room).PostAsync(alice, "after the loss", null);
            }
            catch (ChatException ex) when (ex.Code == ChatErrorCode.Unavailable)
            {
                // Nothing was stored; the room re-read its tail.
            }
        }

        Assert.NotNull(again);
        Assert.Equal(1, again.Seq);
        var after = await Room(room).GetSummaryAsync();
        Assert.Equal((1L, again.MessageId), (after.LastSeq, after.Epoch));
        Assert.NotEqual(before.Epoch, after.Epoch);
    }
}
