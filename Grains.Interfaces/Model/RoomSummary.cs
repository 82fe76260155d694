namespace OrleansChat;

/// <summary>A room the user has joined and the seq of its latest message (0 when empty).</summary>
/// <param name="Room">The room id.</param>
/// <param name="LastSeq">The seq of the room's latest message, 0 when it has none.</param>
/// <param name="Epoch">
/// The room's epoch: the message id of its seq 1, null while it has no message. Seqs are only comparable within one
/// epoch: should the store lose a room's messages, its seq starts again at 1 under a new epoch, so a client that
/// sees the epoch change knows to drop what it holds for the room and reload.
/// </param>
[GenerateSerializer, Immutable, Alias("chat.RoomSummary")]
public sealed record RoomSummary(
    [property: Id(0)] string Room,
    [property: Id(1)] long LastSeq,
    [property: Id(2)] string? Epoch = null);
