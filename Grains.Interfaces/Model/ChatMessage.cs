namespace OrleansChat;

/// <summary>A message stored in a room.</summary>
/// <param name="Room">The room id.</param>
/// <param name="Seq">Position in the room: starts at 1, grows by exactly 1 per stored message, never reused.</param>
/// <param name="MessageId">A globally unique id assigned by the server.</param>
/// <param name="From">The sender's user id.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="SentAt">When the room stored it (UTC).</param>
[GenerateSerializer, Immutable, Alias("chat.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] string Room,
    [property: Id(1)] long Seq,
    [property: Id(2)] string MessageId,
    [property: Id(3)] string From,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset SentAt);
