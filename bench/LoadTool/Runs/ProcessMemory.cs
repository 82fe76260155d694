using System.Globalization;

namespace OrleansChat.Bench.Runs;

/// <summary>Resident set size of server processes, from <c>/proc/PID/status</c> (<c>VmRSS</c>, in KiB).</summary>
internal static class ProcessMemory
{
    public static async Task<long> ReadRssKibAsync(IEnumerable<int> pids, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            var status = await ProcFile.ReadAsync(pid, "status", cancellationToken);
            total += ParseRssKib(status.Split('\n')) ?? throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line");
        }

        return total;
    }

    internal static long? ParseRssKib(IEnumerable<string> statusLines)
    {
        foreach (var line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                {
                    return kib;
                }
            }
        }

        return null;
    }
}
