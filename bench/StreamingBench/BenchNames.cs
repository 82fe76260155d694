namespace OrleansChat.Bench;

public static class BenchNames
{
    public const string Provider = "bench";

    /// <summary>The Redis stream provider again, with <c>BusyReadInterval</c> set: throughput over latency.</summary>
    public const string BatchedProvider = "bench-batched";

    /// <summary>Orleans' own memory stream provider in the same silo: the ceiling Orleans' stream machinery sets, without Redis.</summary>
    public const string MemoryProvider = "bench-memory";
    public const string Namespace = "bench";
}
