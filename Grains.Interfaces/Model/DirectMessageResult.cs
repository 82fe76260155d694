namespace OrleansChat;

/// <summary>What the sender's user grain returns for a stored (or deduplicated) direct message.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="SentAt">When it was stored.</param>
/// <param name="Duplicate">True when the client message id was seen before and this is the first result again.</param>
[GenerateSerializer, Immutable, Alias("chat.DirectMessageResult")]
public sealed record DirectMessageResult(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DateTimeOffset SentAt,
    [property: Id(2)] bool Duplicate);
