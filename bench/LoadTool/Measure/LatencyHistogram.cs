namespace OrleansChat.Bench.Measure;

/// <summary>
/// A fixed-size, lock-free latency histogram in microseconds: exact below 1024 µs, then 512
/// sub-buckets per power of two (relative error under 0.2 %), up to about 2^42 µs (50 days). Memory stays
/// at about 140 KB whatever the number of samples; <see cref="Record"/> may run on any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int ExactLimit = 1024;
    private const int SubBuckets = 512;
    private const int SubBucketBits = 9;
    private const int MaxExponent = 32;
    private readonly long[] _counts = new long[ExactLimit + (MaxExponent * SubBuckets)];
    private long _count;
    private long _max;

    /// <summary>Number of recorded samples.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Largest recorded sample, exactly, in microseconds (0 when empty).</summary>
    public long Max => Interlocked.Read(ref _max);

    /// <summary>Records one sample; negative values count as 0, huge ones land in the last bucket.</summary>
    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Interlocked.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        var otherMax = other.Max;
        if (otherMax > Max)
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
    }

    /// <summary>
    /// The smallest recorded value v such that at least <paramref name="percentile"/> % of samples are ≤ v
    /// (the bucket's upper bound, clamped to <see cref="Max"/>); 0 when empty.
    /// </summary>
    public long Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                // The last bucket also holds everything beyond the range: only Max is known there.
                return i == _counts.Length - 1 ? Max : Math.Min(UpperBoundOf(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < ExactLimit)
        {
            return (int)value;
        }

        // value has its top bit at position p >= 10; keep the 9 bits below it.
        var top = 63 - (int)long.LeadingZeroCount(value);
        var exponent = top - SubBucketBits;
        if (exponent > MaxExponent)
        {
            return ExactLimit + (MaxExponent * SubBuckets) - 1;
        }

        var sub = (int)((value >> exponent) & (SubBuckets - 1));
        return ExactLimit + ((exponent - 1) * SubBuckets) + sub;
    }

    internal static long UpperBoundOf(int index)
    {
        if (index < ExactLimit)
        {
            return index;
        }

        var exponent = ((index - ExactLimit) / SubBuckets) + 1;
        var sub = (index - ExactLimit) % SubBuckets;
        var lower = ((long)(SubBuckets + sub)) << exponent;
        return lower + (1L << exponent) - 1;
    }
}
