namespace OrleansChat.Bench.Targets;

/// <summary>The SignalR peer's reply to <c>Send</c>.</summary>
internal sealed record PeerAck(string Room, long Seq, DateTimeOffset SentAt);
