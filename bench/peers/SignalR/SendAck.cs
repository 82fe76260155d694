namespace OrleansChat.Bench.SignalRPeer;

/// <summary>The result of <see cref="ChatHub.Send"/>: the room counter's value given to the message.</summary>
internal sealed record SendAck(string Room, long Seq, DateTimeOffset SentAt);
