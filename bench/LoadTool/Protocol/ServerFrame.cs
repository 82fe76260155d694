namespace OrleansChat.Bench.Protocol;

/// <summary>
/// The fields of a server frame the load tool uses (<c>docs/protocol.md</c>): <c>message</c>, <c>ack</c>,
/// <c>error</c>, <c>welcome</c>, <c>pong</c>; other types keep only <see cref="Type"/>.
/// </summary>
internal readonly record struct ServerFrame(
    string Type,
    string? Id = null,
    string? Room = null,
    long Seq = 0,
    string? From = null,
    string? Text = null,
    string? Code = null,
    string? Message = null,
    long LastSeq = 0);
