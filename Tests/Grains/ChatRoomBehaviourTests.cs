namespace OrleansChat.Tests.Grains;

/// <summary>The room grain's behaviour; run once per variant by the derived classes.</summary>
public abstract class ChatRoomBehaviourTests : ChatGrainTestBase
{
    protected ChatRoomBehaviourTests(ChatClusterFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Post_FiftyConcurrentPosters_SeqIsGapFreeFromOne()
    {
        var users = Enumerable.Range(0, 50).Select(i => TestIds.New($"p{i}")).ToArray();
        var room = await NewRoomWithMembersAsync(users);

        var results = await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 4).Select(i => Room(room).PostAsync(u, $"hello {i}", null))));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Seq).Order());
        Assert.Equal(200, results.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(200, await Room(room).GetLastSeqAsync());
        var history = await Room(room).GetHistoryAsync(users[0], new HistoryQuery(null, 0, 200));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), history.Select(m => m.Seq));
    }

    [Fact]
    public async Task Post_SameClientMsgId_ReturnsFirstResultAndStoresOnce()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);

        var first = await Room(room).PostAsync(alice, "once", "c-1");
        var again = await Room(room).PostAsync(alice, "once, retried", "c-1");
        var otherUser = await Room(room).PostAsync(bob, "same id, other user", "c-1");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.False(otherUser.Duplicate);
        Assert.Equal(2, otherUser.Seq);
        var history = await Room(room).GetHistoryAsync(alice, HistoryQuery.Latest);
        Assert.Equal(["once", "same id, other user"], history.Select(m => m.Text));
    }

    [Fact]
    public async Task Room_NonMember_IsForbiddenEvenWhenRoomDoesNotExist()
    {
        var (alice, mallory) = (TestIds.New("alice"), TestIds.New("mallory"));
        var room = await NewRoomWithMembersAsync(alice);
        var nowhere = TestIds.New("nowhere");

        foreach (var target in new[] { room, nowhere })
        {
            await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(target).PostAsync(mallory, "hi", null));
            await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(target).GetHistoryAsync(mallory, HistoryQuery.Latest));
            await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(target).GetMembersAsync(mallory));
            await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(target).TypingAsync(mallory));
        }

        await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => User(mallory).TypingAsync(room));
        Assert.Equal(0, await Room(room).GetLastSeqAsync());
    }

    [Fact]
    public async Task History_BeforeAfterAndLatest_PageAscendingWithinLimits()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);
        for (var i = 1; i <= 30; i++)
        {
            await Room(room).PostAsync(alice, $"m{i}", null);
        }

        async Task<long[]> Page(long? before, long? after, int limit) =>
            (await Room(room).GetHistoryAsync(alice, new HistoryQuery(before, after, limit))).Select(m => m.Seq).ToArray();

        Assert.Equal(new long[] { 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 }, await Page(null, null, 10));
        Assert.Equal(new long[] { 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, await Page(21, null, 10));
        Assert.Equal(new long[] { 1, 2, 3 }, await Page(4, null, 10));
        Assert.Empty(await Page(1, null, 10));
        Assert.Equal(new long[] { 6, 7, 8, 9, 10 }, await Page(null, 5, 5));
        Assert.Equal(new long[] { 29, 30 }, await Page(null, 28, 50));
        Assert.Empty(await Page(null, 30, 50));
        Assert.Equal(30, (await Room(room).GetHistoryAsync(alice, HistoryQuery.Latest)).Count);
        var message = (await Room(room).GetHistoryAsync(alice, new HistoryQuery(null, 0, 1))).Single();
        Assert.Equal((room, 1L, alice, "m1"), (message.Room, message.Seq, message.From, message.Text));
    }

    [Fact]
    public async Task Room_DeactivatedAndReactivated_ContinuesSeqAndDedupWindow()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);
        var first = await Room(room).PostAsync(alice, "before", "keep-me");
        await Room(room).PostAsync(alice, "before 2", null);

        await Fixture.Cluster.DeactivateAsync(Room(room));

        Assert.Equal(2, await Room(room).GetLastSeqAsync());
        var retried = await Room(room).PostAsync(alice, "before", "keep-me");
        Assert.True(retried.Duplicate);
        Assert.Equal(first.MessageId, retried.MessageId);
        var next = await Room(room).PostAsync(alice, "after", null);
        Assert.Equal(3, next.Seq);
        var members = await Room(room).GetMembersAsync(alice);
        Assert.Equal(alice, Assert.Single(members).User);
    }

    [Fact]
    public async Task Room_BadIdsTextOrQuery_AreBadRequest()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);

        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room("bad room").JoinAsync(alice));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).JoinAsync("bad/user"));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => User(alice).JoinRoomAsync(new string('r', 65)));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => User("bad user").JoinRoomAsync(room));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).PostAsync(alice, "   ", null));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).PostAsync(alice, new string('x', ChatLimits.MaxTextLength + 1), null));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).PostAsync(alice, "ok", new string('c', 65)));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).GetHistoryAsync(alice, new HistoryQuery(5, 2)));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => Room(room).GetHistoryAsync(alice, new HistoryQuery(null, null, 201)));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => User(alice).SendDirectMessageAsync("no such!", "hi", null));
        await AssertChatErrorAsync(ChatErrorCode.BadRequest, () => User(alice).SendDirectMessageAsync(alice, "", null));

        var stored = await Room(room).PostAsync(alice, "  trimmed  ", null);
        Assert.Equal(1, stored.Seq);
        Assert.Equal("trimmed", (await Room(room).GetHistoryAsync(alice, HistoryQuery.Latest)).Single().Text);
    }

    [Fact]
    public async Task Join_RoomFull_IsTooLargeAndChangesNothing()
    {
        var users = Enumerable.Range(0, 60).Select(i => TestIds.New($"f{i}")).ToArray();
        var room = await NewRoomWithMembersAsync(users);
        var late = TestIds.New("late");

        await AssertChatErrorAsync(ChatErrorCode.TooLarge, () => User(late).JoinRoomAsync(room));

        Assert.Empty(await User(late).GetRoomsAsync());
        Assert.Equal(60, (await Room(room).GetMembersAsync(users[0])).Count);
        Assert.Equal(0, await User(users[0]).JoinRoomAsync(room));
    }
}
