namespace OrleansChat.Tests.Grains;

/// <summary>A join or leave that fails half-way (one grain's write refused) leaves the room and the user agreeing.</summary>
[Trait("Category", "Cluster")]
public sealed class ChatMembershipStoreFailureTests(FaultyStateStoreClusterFixture fixture)
    : ChatGrainTestBase(fixture), IClassFixture<FaultyStateStoreClusterFixture>
{
    [Fact]
    public async Task JoinRoom_UserWriteFails_RoomDropsTheMemberAgain()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(bob);
        fixture.FailingWrites["user"] = true;
        try
        {
            await AssertChatErrorAsync(ChatErrorCode.Unavailable, () => User(alice).JoinRoomAsync(room));
        }
        finally
        {
            fixture.FailingWrites.TryRemove("user", out _);
        }

        Assert.DoesNotContain(room, (await User(alice).GetRoomsAsync()).Select(r => r.Room));
        Assert.Equal([bob], (await Room(room).GetMembersAsync(bob)).Select(m => m.User));
        await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(room).PostAsync(alice, "not a member", null));

        // And a retry works.
        await User(alice).JoinRoomAsync(room);
        Assert.Equal(2, (await Room(room).GetMembersAsync(bob)).Count);
    }

    [Fact]
    public async Task LeaveRoom_RoomWriteFails_UserKeepsTheRoom()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);
        fixture.FailingWrites["room"] = true;
        try
        {
            await AssertChatErrorAsync(ChatErrorCode.Unavailable, () => User(alice).LeaveRoomAsync(room));
        }
        finally
        {
            fixture.FailingWrites.TryRemove("room", out _);
        }

        Assert.Contains(room, (await User(alice).GetRoomsAsync()).Select(r => r.Room));
        Assert.Contains(alice, (await Room(room).GetMembersAsync(bob)).Select(m => m.User));

        // And a retry works, on both sides.
        await User(alice).LeaveRoomAsync(room);
        Assert.DoesNotContain(room, (await User(alice).GetRoomsAsync()).Select(r => r.Room));
        Assert.Equal([bob], (await Room(room).GetMembersAsync(bob)).Select(m => m.User));
    }
}
