namespace OrleansChat.Bench.SignalRPeer;

/// <summary>The <c>message</c> event every member of a room gets (the same fields as OrleansChat's frame).</summary>
internal sealed record ChatMessage(string Room, long Seq, string From, string Text, DateTimeOffset SentAt);
