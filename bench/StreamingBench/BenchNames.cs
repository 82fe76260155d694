namespace OrleansChat.Bench;

public static class BenchNames
{
    public const string Provider = "bench";

    /// <summary>The Redis stream provider again, with <c>BusyReadInterval</c> set: throughput over latency.</summary>
    public const string BatchedProvider = "bench-batched";

    /// <summary>
    /// The Redis stream provider with default options but one queue: the raw baseline's layout (one stream key read by
    /// one reader), so that the comparison with it measures what the provider adds, not what 8 smaller reads cost.
    /// </summary>
    public const string OneQueueProvider = "bench-one-queue";

    /// <summary>Orleans' own memory stream provider in the same silo: the ceiling Orleans' stream machinery sets, without Redis.</summary>
    public const string MemoryProvider = "bench-memory";
    public const string Namespace = "bench";
}
