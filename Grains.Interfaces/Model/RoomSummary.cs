namespace OrleansChat;

/// <summary>A room the user has joined and the seq of its latest message (0 when empty).</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomSummary")]
public sealed record RoomSummary(
    [property: Id(0)] string Room,
    [property: Id(1)] long LastSeq);
