using System.Threading.Channels;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// The bounded queue of serialized frames between the cluster and one socket. Never blocks a producer:
/// <see cref="TryEnqueue"/> returns false when the queue is full, and the connection is then closed as a
/// slow consumer. Until <see cref="Open"/> is called, pushed events are held back (within the same bound)
/// so that <c>welcome</c> is always the first frame on the wire.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> _channel;
    private readonly int _capacity;
    private readonly Lock _lock = new();
    private List<ReadOnlyMemory<byte>>? _held = [];

    public OutboundQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<ReadOnlyMemory<byte>> Reader => _channel.Reader;

    /// <summary>Frames waiting to be written (held ones included).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return (_held?.Count ?? 0) + _channel.Reader.Count;
            }
        }
    }

    /// <summary>Queues a frame; false when the queue is full or already completed.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> frame)
    {
        lock (_lock)
        {
            if (_held is not null)
            {
                if (_held.Count >= _capacity)
                {
                    return false;
                }

                _held.Add(frame);
                return true;
            }
        }

        return _channel.Writer.TryWrite(frame);
    }

    /// <summary>Writes <paramref name="first"/>, then everything held back, and lets frames flow from now on.</summary>
    /// <returns>False when the held frames no longer fit (the connection is a slow consumer).</returns>
    public bool Open(ReadOnlyMemory<byte> first)
    {
        lock (_lock)
        {
            var held = _held ?? [];
            _held = null;
            if (!_channel.Writer.TryWrite(first))
            {
                return false;
            }

            foreach (var frame in held)
            {
                if (!_channel.Writer.TryWrite(frame))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>No more frames: the send loop drains what is queued and ends.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _held = null;
        }

        _channel.Writer.TryComplete();
    }
}
