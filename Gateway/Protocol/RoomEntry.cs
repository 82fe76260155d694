namespace OrleansChat.Gateway.Protocol;

/// <summary>A joined room and its latest seq, as listed in <c>welcome</c> and the <c>rooms</c> ack.</summary>
internal sealed record RoomEntry(string Room, long LastSeq);
