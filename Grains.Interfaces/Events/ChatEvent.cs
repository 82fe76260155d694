namespace OrleansChat;

/// <summary>
/// Base of everything published on the chat streams (room streams and user streams).
/// Switch on the concrete type: <see cref="RoomMessageEvent"/>, <see cref="MemberEvent"/>,
/// <see cref="PresenceEvent"/>, <see cref="TypingEvent"/>, <see cref="DirectMessageEvent"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.ChatEvent")]
public abstract record ChatEvent;
