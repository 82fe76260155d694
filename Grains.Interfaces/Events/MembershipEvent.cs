namespace OrleansChat;

/// <summary>
/// The user itself joined or left a room, on any of its devices: its gateways start or stop delivering the
/// room to all of the user's connections.
/// </summary>
/// <param name="Room">The room id.</param>
/// <param name="Joined">True for joined, false for left.</param>
/// <param name="LastSeq">For a join, the room's latest seq at the join: delivery starts after it.</param>
[GenerateSerializer, Immutable, Alias("chat.MembershipEvent")]
public sealed record MembershipEvent(
    [property: Id(0)] string Room,
    [property: Id(1)] bool Joined,
    [property: Id(2)] long LastSeq) : ChatEvent;
