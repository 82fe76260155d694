using System.Runtime.InteropServices;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// The entry ids a receiver handed to the agent and has not acknowledged yet, oldest first, with a
/// constant-time <see cref="Contains(string)"/>. Bounded: past <c>capacity</c> the oldest is forgotten.
/// An id handed over twice (redelivered) is held twice, as the agent's cache holds it twice.
/// </summary>
internal sealed class HandedOverEntries(int capacity)
{
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Count => _order.Count;

    public bool Contains(string entryId) => _counts.ContainsKey(entryId);

    /// <summary>Appends an entry id, forgetting the oldest when full.</summary>
    public void Add(string entryId)
    {
        if (_order.Count >= capacity)
        {
            Forget(_order.Dequeue());
        }

        _order.Enqueue(entryId);
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, entryId, out _)++;
    }

    /// <summary>Removes and returns the oldest entry id.</summary>
    public string RemoveOldest()
    {
        var entryId = _order.Dequeue();
        Forget(entryId);
        return entryId;
    }

    private void Forget(string entryId)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, entryId);
        if (--count == 0)
        {
            _counts.Remove(entryId);
        }
    }
}
