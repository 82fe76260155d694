namespace OrleansChat.Bench;

/// <summary>Delivery latencies of the current phase, in a fixed-size buffer (later samples past capacity are counted but not kept).</summary>
public static class LatencyRecorder
{
    private const int Capacity = 2_000_000;
    private static readonly double[] Samples = new double[Capacity];
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    public static void Record(TimeSpan latency)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < Capacity)
        {
            Samples[index] = latency.TotalMilliseconds;
        }
    }

    public static void Reset() => Volatile.Write(ref _count, 0);

    /// <summary>The p-th percentile (0..100) of the kept samples, in milliseconds.</summary>
    public static double Percentile(double p)
    {
        var n = Math.Min(Count, Capacity);
        if (n == 0)
        {
            return double.NaN;
        }

        var sorted = Samples.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * n) - 1, 0, n - 1)];
    }
}
