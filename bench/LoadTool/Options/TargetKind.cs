namespace OrleansChat.Bench.Options;

/// <summary>The system under load.</summary>
internal enum TargetKind
{
    /// <summary>The OrleansChat gateway's WebSocket protocol (PROTOCOL.md).</summary>
    OrleansChat,

    /// <summary>The SignalR + Redis backplane peer in <c>bench/peers/SignalR</c>.</summary>
    SignalR,
}
