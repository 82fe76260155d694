namespace OrleansChat;

/// <summary>A direct message, published on the user streams of both sender and recipient.</summary>
[GenerateSerializer, Immutable, Alias("chat.DirectMessageEvent")]
public sealed record DirectMessageEvent([property: Id(0)] DirectMessage Message) : ChatEvent;
