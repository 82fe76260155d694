namespace OrleansChat.Grains.Rooms;

/// <summary>
/// The recent client message ids of a room and the result each got, bounded by count and age.
/// Not thread-safe: owned by one grain activation.
/// </summary>
internal sealed class DedupWindow
{
    private readonly Dictionary<(string User, string ClientMsgId), PostResult> _results = [];
    private readonly Queue<(string User, string ClientMsgId, DateTimeOffset At)> _order = new();
    private readonly int _capacity;
    private readonly TimeSpan _maxAge;

    public DedupWindow(int capacity, TimeSpan maxAge)
    {
        _capacity = capacity;
        _maxAge = maxAge;
    }

    /// <summary>How many ids the window holds.</summary>
    public int Count => _results.Count;

    /// <summary>The first result for this user and client message id, if still within the window.</summary>
    public bool TryGet(string user, string clientMsgId, DateTimeOffset now, out PostResult result)
    {
        Expire(now);
        return _results.TryGetValue((user, clientMsgId), out result!);
    }

    /// <summary>Remembers a stored message's result (evicting the oldest entries beyond the bounds).</summary>
    public void Add(string user, string clientMsgId, PostResult result, DateTimeOffset now)
    {
        if (!_results.TryAdd((user, clientMsgId), result))
        {
            return;
        }

        _order.Enqueue((user, clientMsgId, result.SentAt));
        while (_order.Count > _capacity)
        {
            var (oldUser, oldId, _) = _order.Dequeue();
            _results.Remove((oldUser, oldId));
        }

        Expire(now);
    }

    /// <summary>Forgets everything (before rebuilding from the store).</summary>
    public void Clear()
    {
        _results.Clear();
        _order.Clear();
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.At > _maxAge)
        {
            _order.Dequeue();
            _results.Remove((oldest.User, oldest.ClientMsgId));
        }
    }
}
