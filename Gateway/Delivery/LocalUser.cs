using System.Net.WebSockets;
using OrleansChat.Gateway.Connections;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// A user with at least one connection to this gateway: its connections, and the room feeds it is a member of.
/// Everything but <see cref="Deliver"/> and <see cref="Close"/> is called under the hub's lock.
/// </summary>
internal sealed class LocalUser(string userId)
{
    private IFrameSink[] _sinks = [];

    public string UserId { get; } = userId;

    /// <summary>The room feeds this user is a member of, by room id.</summary>
    public Dictionary<string, FeedMember> Rooms { get; } = new(StringComparer.Ordinal);

    public bool HasConnections => Volatile.Read(ref _sinks).Length > 0;

    public void Add(IFrameSink sink) => Volatile.Write(ref _sinks, [.. _sinks, sink]);

    /// <summary>True when the last connection is gone.</summary>
    public bool Remove(IFrameSink sink)
    {
        Volatile.Write(ref _sinks, [.. _sinks.Where(s => !ReferenceEquals(s, sink))]);
        return _sinks.Length == 0;
    }

    /// <summary>Queues a frame on every connection of the user (lock-free: the sink array is replaced, never changed).</summary>
    public void Deliver(ReadOnlyMemory<byte> frame)
    {
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            sink.Deliver(frame);
        }
    }

    public void Close(WebSocketCloseStatus status, string reason)
    {
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            sink.Close(status, reason);
        }
    }
}
