namespace OrleansChat;

/// <summary>
/// Names of the Orleans stream provider and stream namespaces that OrleansChat publishes on.
/// A .NET client subscribes with <c>client.GetStreamProvider(ChatStreams.ProviderName)</c> and
/// <c>StreamId.Create(ChatStreams.RoomNamespace, roomId)</c> to follow a room, as a gateway does.
/// </summary>
public static class ChatStreams
{
    /// <summary>The name under which the chat stream provider is registered on silos and clients.</summary>
    public const string ProviderName = "chat";

    /// <summary>
    /// Namespace of the per-room streams, keyed by room id. Carries <see cref="ChatEvent"/>s
    /// published by the room grain: messages, membership, presence and typing. Each gateway holds one
    /// subscription per room that has a member connected to it and fans the events out locally.
    /// </summary>
    public const string RoomNamespace = "chat.room";

    /// <summary>
    /// Namespace of the per-gateway streams, keyed by <see cref="SessionDescriptor.GatewayId"/>. Carries
    /// <see cref="UserEvent"/>s: what concerns one user rather than a room (direct messages, the user's own
    /// joins and leaves on any device), published by user grains to the gateways that hold the user's sessions.
    /// One stream per gateway process, so a user who comes and goes leaves no stream state behind.
    /// </summary>
    public const string GatewayNamespace = "chat.gateway";

    /// <summary>Name of the grain storage that holds stream pub/sub state (Orleans requires this exact name).</summary>
    public const string PubSubStoreName = "PubSubStore";

    /// <summary>Name of the grain storage that holds chat grain state (memberships, joined rooms).</summary>
    public const string StateStoreName = "chat";
}
