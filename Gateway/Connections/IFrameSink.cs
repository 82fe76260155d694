using System.Net.WebSockets;

namespace OrleansChat.Gateway.Connections;

/// <summary>Where the delivery hub puts serialized frames: one local connection.</summary>
internal interface IFrameSink
{
    /// <summary>Queues a frame without blocking; a full queue closes the connection as a slow consumer.</summary>
    void Deliver(ReadOnlyMemory<byte> frame);

    /// <summary>Closes the connection after what is queued (for instance when a gap in a room cannot be repaired).</summary>
    void Close(WebSocketCloseStatus status, string reason);
}
