namespace OrleansChat.Bench.Targets;

/// <summary>What came of one send: acked with a seq, or refused with an error code (<c>timeout</c> when no reply came).</summary>
internal readonly record struct SendOutcome(long Seq, string? ErrorCode)
{
    public bool Acked => ErrorCode is null;

    public static SendOutcome Ack(long seq) => new(seq, null);

    public static SendOutcome Error(string code) => new(0, code);
}
