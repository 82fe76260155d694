namespace OrleansChat.Grains.Storage;

/// <summary>The end of a room's history: its last seq and its latest messages, ascending.</summary>
/// <param name="LastSeq">The seq of the latest message, 0 when the room has none.</param>
/// <param name="Messages">The latest messages, ascending by seq.</param>
public sealed record RoomTail(long LastSeq, IReadOnlyList<StoredRoomMessage> Messages);
