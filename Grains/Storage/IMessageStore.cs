namespace OrleansChat.Grains.Storage;

/// <summary>
/// Durable, append-only history of rooms (addressed by seq) and of direct conversations.
/// Every method throws <see cref="ChatException"/> with <see cref="ChatErrorCode.Unavailable"/> when the
/// backing store cannot answer; a failed append has stored nothing.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Reads the latest <paramref name="count"/> messages of a room (ascending) and its last seq,
    /// which a room grain needs on activation to continue its seq and rebuild its dedup window.
    /// </summary>
    Task<RoomTail> ReadRoomTailAsync(string room, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a message whose seq must be exactly one more than the room's last seq; throws
    /// <see cref="ChatException"/> (<see cref="ChatErrorCode.Unavailable"/>) and stores nothing otherwise.
    /// </summary>
    Task AppendRoomMessageAsync(StoredRoomMessage message, CancellationToken cancellationToken);

    /// <summary>A page of a room's history, ascending by seq (see <see cref="HistoryQuery"/>).</summary>
    Task<IReadOnlyList<ChatMessage>> ReadRoomHistoryAsync(string room, HistoryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a direct message in the conversation of its two users, trimming the conversation to
    /// <paramref name="maxLength"/> messages. The whole conversation is forgotten once <paramref name="retention"/>
    /// passes without a new message in it (each message starts the period again). When <paramref name="clientMsgId"/>
    /// was already used by the same sender within <paramref name="dedupWindow"/>, stores nothing and returns the first message.
    /// </summary>
    Task<DirectAppendResult> AppendDirectMessageAsync(
        DirectMessage message, string? clientMsgId, int maxLength, TimeSpan retention, TimeSpan dedupWindow, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> direct messages between two users, ascending by time.</summary>
    Task<IReadOnlyList<DirectMessage>> ReadDirectHistoryAsync(string userA, string userB, int limit, CancellationToken cancellationToken);
}
