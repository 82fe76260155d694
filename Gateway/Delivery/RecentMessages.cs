namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// The last few messages a room feed delivered, by seq (a ring): what a member that joins just behind the feed
/// needs, without asking the room grain. Not thread-safe: used under the feed's gate.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    private readonly ChatMessage?[] _ring = new ChatMessage?[capacity];

    public void Add(ChatMessage message) => _ring[message.Seq % _ring.Length] = message;

    /// <summary>The messages with seq in (<paramref name="afterSeq"/>, <paramref name="toSeq"/>], when all are held.</summary>
    public bool TryGetRange(long afterSeq, long toSeq, out List<ChatMessage> messages)
    {
        messages = [];
        if (toSeq - afterSeq > _ring.Length)
        {
            return false;
        }

        for (var seq = afterSeq + 1; seq <= toSeq; seq++)
        {
            if (_ring[seq % _ring.Length] is not { } held || held.Seq != seq)
            {
                return false;
            }

            messages.Add(held);
        }

        return true;
    }
}
