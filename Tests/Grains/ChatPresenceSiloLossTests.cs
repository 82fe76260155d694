using Orleans.Runtime.Placement;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A user grain that dies with its silo cannot announce offline; the rooms it was online in find out from the
/// cluster membership and turn the member offline, and what the dead grain subscribed to is released.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ChatPresenceSiloLossTests(SiloLossChatClusterFixture fixture)
    : ChatGrainTestBase(fixture), IClassFixture<SiloLossChatClusterFixture>
{
    [Fact]
    public async Task Presence_UserGrainsSiloKilled_RoomTurnsMemberOfflineAndNothingIsLeft()
    {
        var cluster = Fixture.Cluster;
        var primary = cluster.Silos[0].SiloAddress;
        var management = Client.GetGrain<IManagementGrain>(0);

        // The membership table lives on the first silo: the room goes there, the victim's user grain to the other.
        var secondary = cluster.Silos[1].SiloAddress;
        var room = await ActivateOnAsync(Room(TestIds.New("lost")), r => r.GetLastSeqAsync(), management, primary);
        var victim = await ActivateOnAsync(User(TestIds.New("victim")), u => u.OpenSessionAsync(new SessionDescriptor("v1", "test")), management, secondary);
        var roomId = room.GetPrimaryKeyString();
        var victimId = victim.GetPrimaryKeyString();
        var watcherId = TestIds.New("watcher");
        await User(watcherId).JoinRoomAsync(roomId);
        await victim.JoinRoomAsync(roomId);

        await using var probe = await StreamProbe.ForRoomAsync(Client, roomId);
        await victim.OpenSessionAsync(new SessionDescriptor("v2", "test"));
        Assert.Equal(new MemberInfo(victimId, Online: true), (await room.GetMembersAsync(watcherId)).Single(m => m.User == victimId));

        await cluster.KillSiloAsync(cluster.Silos[1]);

        await probe.WaitForAsync<PresenceEvent>(
            e => e.User == victimId && !e.Online, "the room to turn the victim offline after its silo died", TimeSpan.FromSeconds(60));
        var members = await room.GetMembersAsync(watcherId);
        Assert.Contains(new MemberInfo(victimId, Online: false), members);

        // The dead grain's subscription to the room woke a fresh activation, which removed it and left.
        await Eventually.TrueAsync(
            async () => !(await PubSub.SubscriptionsAsync(Client, ChatStreams.RoomNamespace, roomId)).Any(s => s.GrainId.Equals(victim.GetGrainId())),
            "the dead user grain's room subscription to be removed");
        await Eventually.TrueAsync(
            async () => (await Client.GetGrain<IChatDiagnosticsGrain>(0).GetHygieneReportAsync()).IsClean,
            "the hygiene report to show nothing held");
    }

    /// <summary>Activates a new grain on <paramref name="silo"/> (a placement hint) and checks it landed there.</summary>
    private static async Task<TGrain> ActivateOnAsync<TGrain>(TGrain grain, Func<TGrain, Task> activate, IManagementGrain management, SiloAddress silo)
        where TGrain : IAddressable
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await activate(grain);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.Equal(silo, await management.GetActivationAddress(grain));
        return grain;
    }
}
