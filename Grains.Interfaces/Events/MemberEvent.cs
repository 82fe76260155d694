namespace OrleansChat;

/// <summary>A user joined or left a room.</summary>
/// <param name="Room">The room id.</param>
/// <param name="User">The user id.</param>
/// <param name="Joined">True for joined, false for left.</param>
[GenerateSerializer, Immutable, Alias("chat.MemberEvent")]
public sealed record MemberEvent(
    [property: Id(0)] string Room,
    [property: Id(1)] string User,
    [property: Id(2)] bool Joined) : ChatEvent;
