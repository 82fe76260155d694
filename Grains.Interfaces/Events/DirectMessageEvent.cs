namespace OrleansChat;

/// <summary>A direct message, published to the gateways of both sender and recipient (see <see cref="UserEvent"/>).</summary>
[GenerateSerializer, Immutable, Alias("chat.DirectMessageEvent")]
public sealed record DirectMessageEvent([property: Id(0)] DirectMessage Message) : ChatEvent;
