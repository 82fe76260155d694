namespace OrleansChat;

/// <summary>One open connection of a user, as the gateway that holds it describes it.</summary>
/// <param name="SessionId">Unique per connection, chosen by the gateway.</param>
/// <param name="GatewayId">Which gateway process holds the connection.</param>
[GenerateSerializer, Immutable, Alias("chat.SessionDescriptor")]
public sealed record SessionDescriptor(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string GatewayId);
