namespace OrleansChat;

/// <summary>
/// What a gateway stream (<see cref="ChatStreams.GatewayNamespace"/>) carries: an event for every local
/// connection of one user.
/// </summary>
/// <param name="User">The user whose connections get it.</param>
/// <param name="Event">A <see cref="DirectMessageEvent"/> or a <see cref="MembershipEvent"/>.</param>
[GenerateSerializer, Immutable, Alias("chat.UserEvent")]
public sealed record UserEvent(
    [property: Id(0)] string User,
    [property: Id(1)] ChatEvent Event);
