namespace OrleansChat.Gateway.Protocol;

/// <summary>The body of a successful <c>POST /api/rooms/{room}/messages</c>: the same fields as the <c>send</c> ack.</summary>
internal sealed record HttpPostResponse(string Room, long Seq, string MessageId, DateTimeOffset SentAt, bool Duplicate);
