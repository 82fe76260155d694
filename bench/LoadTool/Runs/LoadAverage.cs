namespace OrleansChat.Bench.Runs;

/// <summary>The machine's load average (<c>/proc/loadavg</c>, first three fields), recorded next to every figure.</summary>
internal static class LoadAverage
{
    public static async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync("/proc/loadavg", cancellationToken);
            return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
