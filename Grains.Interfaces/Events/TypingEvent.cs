namespace OrleansChat;

/// <summary>A member of a room is typing.</summary>
[GenerateSerializer, Immutable, Alias("chat.TypingEvent")]
public sealed record TypingEvent(
    [property: Id(0)] string Room,
    [property: Id(1)] string User) : ChatEvent;
