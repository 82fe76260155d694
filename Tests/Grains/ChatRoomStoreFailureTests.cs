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
}
