namespace OrleansChat.Tests.Grains;

/// <summary>The user grain's behaviour; run once per variant by the derived classes.</summary>
public abstract class ChatUserBehaviourTests : ChatGrainTestBase
{
    protected ChatUserBehaviourTests(ChatClusterFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task DirectMessage_ReachesEveryGatewayOfBothUsersOnce_AndAnOfflineRecipientLater()
    {
        var (alice, bob, carol) = (TestIds.New("alice"), TestIds.New("bob"), TestIds.New("carol"));
        var (gatewayA1, gatewayA2, gatewayB) = (TestIds.New("gw-a1"), TestIds.New("gw-a2"), TestIds.New("gw-b"));
        await using var aliceOnA1 = await StreamProbe.ForGatewayAsync(Client, gatewayA1, alice);
        await using var aliceOnA2 = await StreamProbe.ForGatewayAsync(Client, gatewayA2, alice);
        await using var bobOnB = await StreamProbe.ForGatewayAsync(Client, gatewayB, bob);
        var aliceFirst = await OpenSessionAsync(alice, gatewayA1);
        var aliceSecond = await OpenSessionAsync(alice, gatewayA1);
        var aliceThird = await OpenSessionAsync(alice, gatewayA2);
        var bobSession = await OpenSessionAsync(bob, gatewayB);

        var sent = await User(alice).SendDirectMessageAsync(bob, " hi bob ", "dm-1");
        var again = await User(alice).SendDirectMessageAsync(bob, "hi bob", "dm-1");
        var toOffline = await User(alice).SendDirectMessageAsync(carol, "hi carol", null);

        foreach (var (probe, who) in new[] { (aliceOnA1, "alice's first gateway"), (aliceOnA2, "alice's second gateway"), (bobOnB, "bob's gateway") })
        {
            var dm = await probe.WaitForAsync<DirectMessageEvent>(e => e.Message.MessageId == sent.MessageId, $"the DM on {who}");
            Assert.Equal((alice, bob, "hi bob"), (dm.Message.From, dm.Message.To, dm.Message.Text));
        }

        // Once per gateway, not per session; the duplicate is not delivered again.
        await aliceOnA1.WaitForAsync<DirectMessageEvent>(e => e.Message.MessageId == toOffline.MessageId, "the DM to carol on alice's gateway");
        Assert.Equal(1, aliceOnA1.Count<DirectMessageEvent>(e => e.Message.MessageId == sent.MessageId));
        Assert.False(sent.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.False(await User(carol).IsOnlineAsync());
        await User(alice).CloseSessionAsync(aliceFirst);
        await User(alice).CloseSessionAsync(aliceSecond);
        await User(alice).CloseSessionAsync(aliceThird);
        await User(bob).CloseSessionAsync(bobSession);
    }

    [Fact]
    public async Task Presence_FirstOpenAndLastClose_AnnouncedToRoomMembers()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var room = await NewRoomWithMembersAsync(alice, bob);
        var bobSession = await OpenSessionAsync(bob);
        await using var bobProbe = await StreamProbe.ForRoomAsync(Client, room);

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
    public async Task JoinAndLeave_WhileOnline_ArePublishedToTheUsersGatewaysWithTheSeqToStartFrom()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var gateway = TestIds.New("gw");
        var room = await NewRoomWithMembersAsync(bob);
        await Room(room).PostAsync(bob, "before alice", null);
        await using var aliceOnGateway = await StreamProbe.ForGatewayAsync(Client, gateway, alice);
        var session = await OpenSessionAsync(alice, gateway);

        Assert.Equal(1, await User(alice).JoinRoomAsync(room));
        var joined = await aliceOnGateway.WaitForAsync<MembershipEvent>(e => e.Room == room && e.Joined, "alice's join on her gateway");
        Assert.Equal(1, joined.LastSeq);

        await User(alice).LeaveRoomAsync(room);
        await aliceOnGateway.WaitForAsync<MembershipEvent>(e => e.Room == room && !e.Joined, "alice's leave on her gateway");
        await User(alice).CloseSessionAsync(session);
    }

    [Fact]
    public async Task Online_UserGrain_HoldsNoRoomStreamSubscription()
    {
        var (alice, bob) = (TestIds.New("alice"), TestIds.New("bob"));
        var left = await NewRoomWithMembersAsync(alice, bob);
        var kept = await NewRoomWithMembersAsync(alice, bob);
        var session = await OpenSessionAsync(alice);
        await User(alice).LeaveRoomAsync(left);

        // Room traffic goes from the room streams to the gateways; no user grain subscribes to anything.
        Assert.Empty(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, left));
        Assert.Empty(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, kept));
        Assert.Equal(0, (await Client.GetGrain<IChatDiagnosticsGrain>(0).GetHygieneReportAsync()).UserGrainSubscriptions);
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
        var summary = Assert.Single(opened.Rooms);
        Assert.Equal((room, 1L), (summary.Room, summary.LastSeq));
        Assert.Equal((await Room(room).GetHistoryAsync(alice, HistoryQuery.Latest))[0].MessageId, summary.Epoch);
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
