using System.Buffers;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// One received message in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; <see cref="Return"/> gives the
/// buffer back (call it exactly once). <see cref="Count"/> is -1 for a message that was read and dropped.
/// </summary>
internal readonly record struct RentedFrame(byte[] Buffer, int Count)
{
    public ReadOnlyMemory<byte> Utf8 => Buffer.AsMemory(0, Math.Max(Count, 0));

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
