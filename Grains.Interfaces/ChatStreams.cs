namespace OrleansChat;

/// <summary>
/// Names of the Orleans stream provider and stream namespaces that OrleansChat publishes on.
/// A .NET client subscribes with <c>client.GetStreamProvider(ChatStreams.ProviderName)</c>
/// and <c>StreamId.Create(ChatStreams.UserNamespace, userId)</c>.
/// </summary>
public static class ChatStreams
{
    /// <summary>The name under which the chat stream provider is registered on silos and clients.</summary>
    public const string ProviderName = "chat";

    /// <summary>
    /// Namespace of the per-room streams, keyed by room id. Carries <see cref="ChatEvent"/>s
    /// published by the room grain: messages, membership, presence and typing.
    /// </summary>
    public const string RoomNamespace = "chat.room";

    /// <summary>
    /// Namespace of the per-user streams, keyed by user id. Carries what the user grain forwards
    /// from the user's rooms plus the user's direct messages; the gateway subscribes to it.
    /// </summary>
    public const string UserNamespace = "chat.user";

    /// <summary>Name of the grain storage that holds stream pub/sub state (Orleans requires this exact name).</summary>
    public const string PubSubStoreName = "PubSubStore";

    /// <summary>Name of the grain storage that holds chat grain state (memberships, joined rooms).</summary>
    public const string StateStoreName = "chat";
}
