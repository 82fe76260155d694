namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// A joined room, its latest seq and (an extension) its epoch, as listed in <c>welcome</c> and the <c>rooms</c> ack.
/// </summary>
internal sealed record RoomEntry(string Room, long LastSeq, string? Epoch = null)
{
    public static RoomEntry Of(RoomSummary summary) => new(summary.Room, summary.LastSeq, summary.Epoch);
}
