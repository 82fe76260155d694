using System.Collections.Concurrent;

namespace OrleansChat.Bench.Runs;

/// <summary>Error counts by code; at most <see cref="MaxCodes"/> distinct codes, the rest count as <c>other</c>.</summary>
internal sealed class ErrorCounts
{
    public const int MaxCodes = 32;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(string code)
    {
        Interlocked.Increment(ref _total);
        var key = _counts.ContainsKey(code) || _counts.Count < MaxCodes ? code : "other";
        _counts.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    public SortedDictionary<string, long> Snapshot() => new(_counts, StringComparer.Ordinal);
}
