namespace OrleansChat.Bench;

/// <summary>Delivery latencies of the current phase, in a fixed-size buffer (later samples past capacity are counted but not kept).</summary>
public static class LatencyRecorder
{
    private const int Capacity = 2_000_000;
    private static readonly double[] Samples = new double[Capacity];
    private static int _count;
    private static int _expected = int.MaxValue;
    private static TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int Count => Volatile.Read(ref _count);

    public static void Record(TimeSpan latency)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < Capacity)
        {
            Samples[index] = latency.TotalMilliseconds;
        }

        if (index + 1 == Volatile.Read(ref _expected))
        {
            _reached.TrySetResult();
        }
    }

    /// <summary>Starts a phase that expects <paramref name="expected"/> deliveries.</summary>
    public static void Reset(int expected)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _expected, expected);
    }

    /// <summary>Completes when the phase's expected deliveries have all arrived, or after <paramref name="timeout"/> (no throw: the row shows what arrived).</summary>
    public static async Task WaitForExpectedAsync(TimeSpan timeout)
    {
        try
        {
            await _reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Reported as delivered/expected.
        }
    }

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
