namespace OrleansChat.Grains.Storage;

/// <summary>One room's history in <see cref="InMemoryMessageStore"/>: contiguous by seq, oldest first.</summary>
internal sealed class InMemoryRoomLog
{
    /// <summary>The seq of the latest message appended (0 before the first).</summary>
    public long LastSeq { get; set; }

    /// <summary>The kept messages, ascending and without gaps.</summary>
    public List<StoredRoomMessage> Messages { get; } = [];
}
