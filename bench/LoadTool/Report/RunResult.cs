namespace OrleansChat.Bench.Report;

/// <summary>
/// One run's figures, printed as the <c>RESULT</c> JSON line (camelCase, nulls left out) and read
/// back by the chart command. Latencies in milliseconds, memory in KiB.
/// </summary>
internal sealed class RunResult
{
    public string Target { get; set; } = string.Empty;
    public string Mode { get; set; } = string.Empty;
    public string Label { get; set; } = string.Empty;
    public string RunId { get; set; } = string.Empty;
    public int Servers { get; set; }
    public string LoadAvgBefore { get; set; } = string.Empty;
    public string LoadAvgAfter { get; set; } = string.Empty;
    public double Seconds { get; set; }
    public SortedDictionary<string, long> Errors { get; set; } = [];

    // steady
    public int? Clients { get; set; }
    public int? Rooms { get; set; }
    public int? SendersPerRoom { get; set; }
    public double? RatePerSender { get; set; }
    public int? MessageSize { get; set; }
    public double? OfferedSendsPerSec { get; set; }
    public double? OfferedDeliveriesPerSec { get; set; }
    public double? SentPerSec { get; set; }
    public double? DeliveredPerSec { get; set; }
    public long? Sent { get; set; }
    public long? Acked { get; set; }
    public long? Expected { get; set; }
    public long? Received { get; set; }
    public long? Lost { get; set; }
    public long? Duplicates { get; set; }
    public long? OrderViolations { get; set; }
    public double? P50Ms { get; set; }
    public double? P90Ms { get; set; }
    public double? P99Ms { get; set; }
    public double? MaxMs { get; set; }

    // churn
    public long? Cycles { get; set; }
    public long? CyclesOk { get; set; }
    public double? CyclesPerSec { get; set; }
    public int? Concurrency { get; set; }
    public string? Audit { get; set; }

    /// <summary>CPU seconds the <c>--server-pid</c> processes used during the cycles, and that per cycle in ms.</summary>
    public double? ServerCpuSeconds { get; set; }
    public double? ServerCpuMsPerCycle { get; set; }

    /// <summary>Per stage of a churn cycle (connect, join, send, deliver, close): [p50, p99] in ms.</summary>
    public SortedDictionary<string, double[]>? StageMs { get; set; }

    /// <summary>What the audit still reported held after <c>--audit-wait</c> (0 when it came clean; null without a count).</summary>
    public long? Leaks { get; set; }

    /// <summary>Seconds after the last cycle until the audit reported nothing held (null when it never did).</summary>
    public double? AuditCleanAfterSeconds { get; set; }

    // idle
    public int? Connections { get; set; }
    public int? Connected { get; set; }
    public double? ConnectPerSec { get; set; }
    public long? RssBeforeKib { get; set; }
    public long? RssAfterKib { get; set; }
    public double? KibPerConnection { get; set; }
}
