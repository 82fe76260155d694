namespace OrleansChat.Tests.Grains;

/// <summary>The user grain's behaviour; run once per variant by the derived classes.</summary>
public abstract class ChatUserBehaviourTests : ChatGrainTestBase
{
    protected ChatUserBehaviourTests(ChatClusterFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task DirectMessage_ToOfflineOrOnlineUser_ReachesEverySessionOfBoth()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var aliceFirst = await OpenSessionAsync(alice);
        var aliceSecond = await OpenSessionAsync(alice);
        await using var aliceSession1 = await StreamProbe.ForUserAsync(Client, alice);
        await using var aliceSession2 = await StreamProbe.ForUserAsync(Client, alice);
        await using var bobSession = await StreamProbe.ForUserAsync(Client, bob);

        var sent = await User(alice).SendDirectMessageAsync(bob, " hi bob ", "dm-1");
        var again = await User(alice).SendDirectMessageAsync(bob, "hi bob", "dm-1");

        foreach (var (probe, who) in new[] { (aliceSession1, "alice#1"), (aliceSession2, "alice#2"), (bobSession, "bob") })
        {
            var dm = await probe.WaitForAsync<DirectMessageEvent>(e => e.Message.MessageId == sent.MessageId, $"the DM on {who}'s user stream");
            Assert.Equal((alice, bob, "hi bob"), (dm.Message.From, dm.Message.To, dm.Message.Text));
        }

        Assert.False(sent.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.False(await User(bob).IsOnlineAsync());
        await User(alice).CloseSessionAsync(aliceFirst);
        await User(alice).CloseSessionAsync(aliceSecond);
    }

    [Fact]
    public async Task Presence_FirstOpenAndLastClose_AnnouncedToRoomMembers()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);
        var bobSession = await OpenSessionAsync(bob);
        await using var bobProbe = await StreamProbe.ForUserAsync(Client, bob);

        var first = await OpenSessionAsync(alice);
        await bobProbe.WaitForAsync<PresenceEvent>(e => e.User == alice && e.Online && e.Room == room, "alice online");
        var second = await OpenSessionAsync(alice);
        Assert.Contains(new MemberInfo(alice, true), await Room(room).GetMembersAsync(bob));

        await User(alice).CloseSessionAsync(first);
        Assert.True(await User(alice).IsOnlineAsync());
        await User(alice).CloseSessionAsync(second);
        await bobProbe.WaitForAsync<PresenceEvent>(e => e.User == alice && !e.Online && e.Room == room, "alice offline");

        Assert.Equal(1, bobProbe.Count<PresenceEvent>(e => e.User == alice && e.Online));
        Assert.Contains(new MemberInfo(alice, false), await Room(room).GetMembersAsync(bob));
        Assert.False(await User(alice).IsOnlineAsync());
        await User(bob).CloseSessionAsync(bobSession);
    }

    [Fact]
    public async Task Online_RoomMessages_ForwardedToUserStreamInSeqOrder()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);
        await using var aliceProbe = await StreamProbe.ForUserAsync(Client, alice);
        var session = await OpenSessionAsync(alice);

        for (var i = 1; i <= 20; i++)
        {
            await Room(room).PostAsync(bob, $"m{i}", null);
        }

        await aliceProbe.WaitForAsync<RoomMessageEvent>(e => e.Message.Seq == 20 && e.Message.Room == room, "seq 20 forwarded to alice");
        var seqs = aliceProbe.Events.OfType<RoomMessageEvent>().Where(e => e.Message.Room == room).Select(e => e.Message.Seq);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seqs);
        await User(alice).CloseSessionAsync(session);
    }

    [Fact]
    public async Task LeaveRoom_WhileOnline_StopsDeliveryAndDropsSubscriptionAtOnce()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var left = await NewRoomWithMembersAsync(alice, bob);
        var kept = await NewRoomWithMembersAsync(alice, bob);
        await using var aliceProbe = await StreamProbe.ForUserAsync(Client, alice);
        var session = await OpenSessionAsync(alice);
        await Room(left).PostAsync(bob, "before leaving", null);
        await aliceProbe.WaitForAsync<RoomMessageEvent>(e => e.Message.Room == left, "a message of the room before leaving");

        await User(alice).LeaveRoomAsync(left);

        Assert.Empty(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, left));
        Assert.Single(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, kept));
        await Room(left).PostAsync(bob, "after leaving", null);
        await Room(kept).PostAsync(bob, "marker", null);
        await aliceProbe.WaitForAsync<RoomMessageEvent>(e => e.Message.Room == kept, "the marker in the room kept");
        Assert.Equal(1, aliceProbe.Count<RoomMessageEvent>(e => e.Message.Room == left));
        await AssertChatErrorAsync(ChatErrorCode.Forbidden, () => Room(left).PostAsync(alice, "not a member", null));
        Assert.Equal([kept], (await User(alice).GetRoomsAsync()).Select(r => r.Room));
        await User(alice).CloseSessionAsync(session);
    }

    [Fact]
    public async Task JoinedRooms_PersistAcrossSessions_WithLastSeqInWelcome()
    {
        var alice = TestIds.New("alice");
        var room = await NewRoomWithMembersAsync(alice);
        var session = await OpenSessionAsync(alice);
        await Room(room).PostAsync(alice, "one", null);
        await User(alice).CloseSessionAsync(session);
        await Fixture.Cluster.WaitForDeactivationAsync(User(alice));

        var opened = await User(alice).OpenSessionAsync(new SessionDescriptor("again", "gw"));

        Assert.Equal(alice, opened.User);
        Assert.Equal([new RoomSummary(room, 1)], opened.Rooms);
        Assert.True(opened.LeaseDuration > TimeSpan.Zero);
        Assert.Equal(["unknown"], await User(alice).RenewSessionsAsync(["again", "unknown"]));
        await User(alice).CloseSessionAsync("again");
    }

    [Fact]
    public async Task Typing_ThrottledPerRoom_ReachesMembers()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);
        await using var roomProbe = await StreamProbe.ForRoomAsync(Client, room);
        var session = await OpenSessionAsync(alice);

        await User(alice).TypingAsync(room);
        await User(alice).TypingAsync(room);
        await Room(room).PostAsync(alice, "marker", null);
        await roomProbe.WaitForAsync<RoomMessageEvent>(e => e.Message.Text == "marker", "the marker after typing");
        Assert.Equal(1, roomProbe.Count<TypingEvent>(e => e.User == alice));

        Fixture.Time.Advance(TimeSpan.FromSeconds(3));
        await User(alice).TypingAsync(room);
        await roomProbe.WaitForAsync<TypingEvent>(_ => roomProbe.Count<TypingEvent>(e => e.User == alice) == 2, "a second typing event once the throttle passed");
        await User(alice).CloseSessionAsync(session);
    }
}
