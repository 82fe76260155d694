namespace OrleansChat.Bench.Targets;

/// <summary>The SignalR peer's <c>message</c> event (camelCase JSON, as OrleansChat's frame).</summary>
internal sealed record PeerMessage(string Room, long Seq, string From, string Text, DateTimeOffset SentAt);
