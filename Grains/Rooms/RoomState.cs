namespace OrleansChat.Grains.Rooms;

/// <summary>What a room keeps in grain storage: its members and whether each is online.</summary>
[GenerateSerializer, Alias("chat.RoomState")]
internal sealed class RoomState
{
    /// <summary>Member user id → online. Bounded by <see cref="Hosting.ChatGrainsOptions.MaxMembersPerRoom"/>.</summary>
    [Id(0)]
    public Dictionary<string, bool> Members { get; set; } = [];

    /// <summary>Online member user id → the silo its user grain announced presence from. A subset of <see cref="Members"/>.</summary>
    [Id(1)]
    public Dictionary<string, SiloAddress> PresenceHosts { get; set; } = [];
}
