namespace OrleansChat.Gateway.Connections;

/// <summary>Where the user-stream hub delivers serialized frames: one local connection.</summary>
internal interface IFrameSink
{
    /// <summary>Queues a frame without blocking; a full queue closes the connection as a slow consumer.</summary>
    void Deliver(ReadOnlyMemory<byte> frame);
}
