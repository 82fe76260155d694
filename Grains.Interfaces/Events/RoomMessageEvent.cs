namespace OrleansChat;

/// <summary>A message was stored in a room.</summary>
[GenerateSerializer, Immutable, Alias("chat.RoomMessageEvent")]
public sealed record RoomMessageEvent([property: Id(0)] ChatMessage Message) : ChatEvent;
