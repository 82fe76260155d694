using System.Globalization;

namespace OrleansChat.Bench.Measure;

/// <summary>
/// The text of a load-tool message: <c>bench:{timestamp}:{sender}:{n}:</c> then padding up to the
/// requested size. The timestamp is the intended send time on the process's monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>), so latency includes any delay in sending (no
/// coordinated omission).
/// </summary>
internal static class BenchText
{
    public const string Marker = "bench:";

    public static string Build(long timestamp, int sender, long n, int size)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{Marker}{timestamp}:{sender}:{n}:");
        return head.Length >= size ? head : head + new string('x', size - head.Length);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out long timestamp, out int sender, out long n)
    {
        timestamp = 0;
        sender = 0;
        n = 0;
        if (!text.StartsWith(Marker, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Marker.Length..];
        Span<Range> parts = stackalloc Range[4];
        if (rest.Split(parts, ':') < 4)
        {
            return false;
        }

        return long.TryParse(rest[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp)
            && int.TryParse(rest[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out sender)
            && long.TryParse(rest[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out n);
    }
}
