using OrleansChat.Bench.Measure;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// Where a churn cycle's time goes, seen from the client: one latency histogram per stage
/// (connect = token + upgrade + <c>welcome</c>; join; send = until the ack; deliver = ack to own message; close).
/// </summary>
internal sealed class CycleStages
{
    public static readonly string[] Names = ["connect", "join", "send", "deliver", "close"];

    private readonly LatencyHistogram[] _stages = Names.Select(_ => new LatencyHistogram()).ToArray();

    public void Record(int stage, TimeSpan elapsed) => _stages[stage].Record((long)elapsed.TotalMicroseconds);

    /// <summary>p50 and p99 of every stage that recorded anything, in milliseconds.</summary>
    public SortedDictionary<string, double[]> Summary()
    {
        var summary = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            if (_stages[i].Count > 0)
            {
                summary[Names[i]] = [SteadyRun.Ms(_stages[i].Percentile(50)), SteadyRun.Ms(_stages[i].Percentile(99))];
            }
        }

        return summary;
    }
}
