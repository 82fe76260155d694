using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansChat.Bench.Options;

namespace OrleansChat.Bench.Report;

/// <summary>
/// <c>chart --in results.jsonl --out chart.svg</c>: delivered messages/s and p99 latency against
/// offered deliveries/s, one line per target, from the steady RESULT lines whose label starts with
/// <c>sweep</c>. Plain SVG, no library; <c>rsvg-convert</c> turns it into a PNG.
/// </summary>
internal static class ChartCommand
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    public static int Run(string input, string path, TextWriter output)
    {
        var series = Load(File.ReadLines(input));
        if (series.Count == 0)
        {
            throw new UsageException($"chart: {input} has no steady RESULT line labelled sweep*");
        }

        File.WriteAllText(path, Render(series));
        output.WriteLine($"chart: wrote {path} ({series.Sum(s => s.Value.Count)} points)");
        return 0;
    }

    internal static SortedDictionary<string, List<RunResult>> Load(IEnumerable<string> lines)
    {
        var series = new SortedDictionary<string, List<RunResult>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var json = line.StartsWith(ResultPrinter.Prefix, StringComparison.Ordinal) ? line[ResultPrinter.Prefix.Length..] : line;
            if (!json.StartsWith('{'))
            {
                continue;
            }

            var r = JsonSerializer.Deserialize<RunResult>(json, ResultPrinter.Json);
            if (r is { Mode: "steady", OfferedDeliveriesPerSec: not null } && r.Label.StartsWith("sweep", StringComparison.Ordinal))
            {
                if (!series.TryGetValue(r.Target, out var list))
                {
                    series[r.Target] = list = [];
                }

                // A rerun of a label supersedes the earlier one.
                list.RemoveAll(earlier => earlier.Label == r.Label);
                list.Add(r);
            }
        }

        foreach (var list in series.Values)
        {
            list.Sort((a, b) => a.OfferedDeliveriesPerSec!.Value.CompareTo(b.OfferedDeliveriesPerSec!.Value));
        }

        return series;
    }

    internal static string Render(SortedDictionary<string, List<RunResult>> series)
    {
        const int width = 960, height = 420;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">""").AppendLine();
        svg.AppendLine("""<rect width="100%" height="100%" fill="white"/>""");
        var maxX = series.Values.SelectMany(l => l).Max(r => r.OfferedDeliveriesPerSec!.Value);
        var maxDelivered = series.Values.SelectMany(l => l).Max(r => Math.Max(r.DeliveredPerSec ?? 0, r.OfferedDeliveriesPerSec!.Value));
        var maxP99 = series.Values.SelectMany(l => l).Max(r => r.P99Ms ?? 0);
        Panel(svg, 60, 40, 380, 300, "delivered messages/s vs offered", maxX, maxDelivered, series, r => r.DeliveredPerSec ?? 0, diagonal: true, logY: false);
        Panel(svg, 540, 40, 380, 300, "p99 latency (ms, log scale) vs offered", maxX, maxP99, series, r => r.P99Ms ?? 0, diagonal: false, logY: true);
        var legendX = 60;
        var index = 0;
        foreach (var name in series.Keys)
        {
            var color = Colors[index++ % Colors.Length];
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{legendX}" y="395" width="14" height="4" fill="{color}"/><text x="{legendX + 20}" y="401">{name}</text>""").AppendLine();
            legendX += 160;
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{width - 20}" y="401" text-anchor="end" fill="#666">x: offered deliveries/s (sends/s x room members)</text>""").AppendLine();
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int left, int top, int w, int h, string title, double maxX, double maxY,
        SortedDictionary<string, List<RunResult>> series, Func<RunResult, double> y, bool diagonal, bool logY)
    {
        maxX = Nice(maxX);
        // Log scale: 1 to the next power of ten, one grid line per decade (latencies span 1 ms to seconds).
        var decades = logY ? Math.Max(1, (int)Math.Ceiling(Math.Log10(Math.Max(maxY, 10)))) : 0;
        maxY = logY ? Math.Pow(10, decades) : Nice(maxY);
        double Px(double v) => left + (v / maxX * w);
        double Py(double v) => logY
            ? top + h - (Math.Log10(Math.Max(v, 1)) / decades * h)
            : top + h - (v / maxY * h);
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{left + (w / 2)}" y="{top - 15}" text-anchor="middle" font-weight="bold">{title}</text>""").AppendLine();
        var yLines = logY ? decades : 5;
        for (var i = 0; i <= Math.Max(5, yLines); i++)
        {
            var gx = maxX * Math.Min(i, 5) / 5;
            var gy = logY ? Math.Pow(10, Math.Min(i, yLines)) : maxY * Math.Min(i, 5) / 5;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Px(gx):0.#}" y1="{top}" x2="{Px(gx):0.#}" y2="{top + h}" stroke="#eee"/><text x="{Px(gx):0.#}" y="{top + h + 16}" text-anchor="middle">{gx:0.#}</text>""").AppendLine();
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{Py(gy):0.#}" x2="{left + w}" y2="{Py(gy):0.#}" stroke="#eee"/><text x="{left - 6}" y="{Py(gy) + 4:0.#}" text-anchor="end">{gy:0.#}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="#333"/>""").AppendLine();
        if (diagonal)
        {
            var end = Math.Min(maxX, maxY);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Px(0):0.#}" y1="{Py(0):0.#}" x2="{Px(end):0.#}" y2="{Py(end):0.#}" stroke="#999" stroke-dasharray="4 4"/>""").AppendLine();
        }

        var index = 0;
        foreach (var list in series.Values)
        {
            var color = Colors[index++ % Colors.Length];
            var points = string.Join(' ', list.Select(r => string.Create(CultureInfo.InvariantCulture, $"{Px(r.OfferedDeliveriesPerSec!.Value):0.#},{Py(y(r)):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>""").AppendLine();
            foreach (var r in list)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{Px(r.OfferedDeliveriesPerSec!.Value):0.#}" cy="{Py(y(r)):0.#}" r="3.5" fill="{color}"/>""").AppendLine();
            }
        }
    }

    /// <summary>The next "nice" axis maximum (1, 2 or 5 times a power of ten) at or above <paramref name="value"/>.</summary>
    internal static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
