namespace OrleansChat.Grains.Rooms;

/// <summary>
/// A room's latest messages, contiguous by seq, to answer the common history queries (latest page,
/// a reconnecting client's gap) without the store. Keeps at most twice its capacity.
/// </summary>
internal sealed class RecentMessages
{
    private readonly List<ChatMessage> _messages = [];
    private readonly int _capacity;

    public RecentMessages(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Replaces the content with these messages (ascending, contiguous).</summary>
    public void Reset(IEnumerable<ChatMessage> messages)
    {
        _messages.Clear();
        foreach (var message in messages)
        {
            Add(message);
        }
    }

    /// <summary>Appends the next message; a gap resets the cache to start at it.</summary>
    public void Add(ChatMessage message)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_messages.Count > 0 && _messages[^1].Seq + 1 != message.Seq)
        {
            _messages.Clear();
        }

        _messages.Add(message);
        if (_messages.Count > 2 * _capacity)
        {
            _messages.RemoveRange(0, _messages.Count - _capacity);
        }
    }

    /// <summary>The messages with seq from <paramref name="fromSeq"/> to <paramref name="toSeq"/> when all are cached.</summary>
    public bool TryGetRange(long fromSeq, long toSeq, out IReadOnlyList<ChatMessage> page)
    {
        page = [];
        if (fromSeq > toSeq)
        {
            return true;
        }

        if (_messages.Count == 0 || fromSeq < _messages[0].Seq || toSeq > _messages[^1].Seq)
        {
            return false;
        }

        var start = (int)(fromSeq - _messages[0].Seq);
        page = _messages.GetRange(start, (int)(toSeq - fromSeq + 1));
        return true;
    }
}
