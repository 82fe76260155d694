namespace OrleansChat.Bench.Measure;

/// <summary>
/// What one receiver saw of one room's <c>seq</c> numbers: the highest so far and a bitmap of the
/// last <see cref="Size"/> below it. A seq already seen is a duplicate; a seq below the highest that
/// was not seen yet arrived out of order. Bounded memory; not thread-safe (one receive loop owns it).
/// </summary>
internal sealed class SeqWindow
{
    public const int Size = 4096;
    private readonly bool[] _seen = new bool[Size];
    private long _highest;

    /// <summary>Highest seq seen (0 before any).</summary>
    public long Highest => _highest;

    /// <summary>Classifies one arrival and remembers it.</summary>
    public SeqVerdict Observe(long seq)
    {
        if (seq <= 0)
        {
            return SeqVerdict.Invalid;
        }

        if (seq > _highest)
        {
            // Forget the slots the window slides past, so they can hold the new seqs.
            var start = Math.Max(_highest + 1, seq - Size + 1);
            for (var s = start; s < seq; s++)
            {
                _seen[s % Size] = false;
            }

            _seen[seq % Size] = true;
            _highest = seq;
            return SeqVerdict.InOrder;
        }

        if (_highest - seq >= Size)
        {
            return SeqVerdict.OutOfOrder;
        }

        ref var slot = ref _seen[seq % Size];
        if (slot)
        {
            return SeqVerdict.Duplicate;
        }

        slot = true;
        return SeqVerdict.OutOfOrder;
    }
}
