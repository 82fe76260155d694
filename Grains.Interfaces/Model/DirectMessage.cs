namespace OrleansChat;

/// <summary>A direct message between two users.</summary>
/// <param name="MessageId">A globally unique id assigned by the server.</param>
/// <param name="From">The sender's user id.</param>
/// <param name="To">The recipient's user id.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="SentAt">When it was stored (UTC).</param>
[GenerateSerializer, Immutable, Alias("chat.DirectMessage")]
public sealed record DirectMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset SentAt);
