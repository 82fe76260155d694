namespace OrleansChat.Bench.Options;

/// <summary>The system under load.</summary>
internal enum TargetKind
{
    /// <summary>The OrleansChat gateway's WebSocket protocol (<c>docs/protocol.md</c>).</summary>
    OrleansChat,

    /// <summary>The SignalR + Redis backplane peer in <c>bench/peers/SignalR</c>.</summary>
    SignalR,
}
