namespace OrleansChat;

/// <summary>A member of a room opened its first session (online) or closed its last (offline).</summary>
[GenerateSerializer, Immutable, Alias("chat.PresenceEvent")]
public sealed record PresenceEvent(
    [property: Id(0)] string Room,
    [property: Id(1)] string User,
    [property: Id(2)] bool Online) : ChatEvent;
