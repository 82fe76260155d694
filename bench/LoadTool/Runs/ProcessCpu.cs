using System.Globalization;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// CPU time used by server processes, from <c>/proc/PID/stat</c> (utime + stime): a figure that, unlike
/// latency, does not depend on what else the machine is running.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Linux reports these fields in clock ticks of 1/100 s (USER_HZ) on every supported architecture.</summary>
    private const double TicksPerSecond = 100;

    public static async Task<double> ReadSecondsAsync(IEnumerable<int> pids, CancellationToken cancellationToken)
    {
        double total = 0;
        foreach (var pid in pids)
        {
            var stat = await ProcFile.ReadAsync(pid, "stat", cancellationToken);
            total += ParseCpuSeconds(stat) ?? throw new InvalidOperationException($"/proc/{pid}/stat has no utime/stime fields");
        }

        return total;
    }

    /// <summary>utime + stime in seconds; fields 14 and 15, counted after the parenthesised command name.</summary>
    internal static double? ParseCpuSeconds(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After ") " come field 3 (state) onwards: utime is field 14, so index 11 here.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            ? (utime + stime) / TicksPerSecond
            : null;
    }
}
