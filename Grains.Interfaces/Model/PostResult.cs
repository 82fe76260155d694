namespace OrleansChat;

/// <summary>What a room returns for a stored (or deduplicated) post.</summary>
/// <param name="Room">The room id.</param>
/// <param name="Seq">The message's seq.</param>
/// <param name="MessageId">The message's id.</param>
/// <param name="SentAt">When it was stored.</param>
/// <param name="Duplicate">True when the client message id was seen before and this is the first result again.</param>
[GenerateSerializer, Immutable, Alias("chat.PostResult")]
public sealed record PostResult(
    [property: Id(0)] string Room,
    [property: Id(1)] long Seq,
    [property: Id(2)] string MessageId,
    [property: Id(3)] DateTimeOffset SentAt,
    [property: Id(4)] bool Duplicate);
