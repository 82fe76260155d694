namespace OrleansChat.Grains.Rooms;

/// <summary>
/// What a room keeps in grain storage: its members. Presence is not stored: it changes with every first and last
/// session of a member, and writing the member list for each would make connection churn cost O(members) in
/// storage writes (the room grain keeps it in memory and stays activated while a member is online).
/// </summary>
[GenerateSerializer, Alias("chat.RoomState")]
internal sealed class RoomState
{
    /// <summary>
    /// Member user ids (the value is unused and written as false; it stays for the stored format). Bounded by
    /// <see cref="Hosting.ChatGrainsOptions.MaxMembersPerRoom"/>.
    /// </summary>
    [Id(0)]
    public Dictionary<string, bool> Members { get; set; } = [];

    /// <summary>Unused: states written by earlier versions may hold presence here; it is ignored and cleared.</summary>
    [Id(1)]
    public Dictionary<string, SiloAddress> PresenceHosts { get; set; } = [];
}
