namespace OrleansChat.Bench.Runs;

/// <summary>Reads <c>/proc/PID/NAME</c> of a <c>--server-pid</c>, saying clearly which pid is wrong when it cannot.</summary>
internal static class ProcFile
{
    public static async Task<string> ReadAsync(int pid, string name, CancellationToken cancellationToken)
    {
        var path = $"/proc/{pid}/{name}";
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read {path} ({ex.Message}): is --server-pid {pid} a running process on this machine?", ex);
        }
    }
}
