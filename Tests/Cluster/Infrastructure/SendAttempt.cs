using System.Diagnostics;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// One send of a <see cref="ChatTestUser"/>: what it got (an ack with seq and messageId, or an error code) and when it
/// was sent. The load tool's own, smaller <c>SendOutcome</c> carries only the seq or the error.
/// </summary>
public sealed record SendAttempt(string ClientMsgId, long SentAtTimestamp, long? Seq, string? MessageId, string? ErrorCode)
{
    public TimeSpan SentAfter(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp, SentAtTimestamp);
}
