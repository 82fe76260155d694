using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansChat.Bench.Options;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace OrleansChat.Bench.Report;

/// <summary>
/// <c>chart --in results.jsonl --out chart.svg</c>: delivered messages/s and p99 latency against
/// offered deliveries/s, one line per target, from the steady RESULT lines whose label starts with
/// <c>sweep</c>. Drawn with ScottPlot into one SVG; <c>rsvg-convert</c> turns it into a PNG.
/// </summary>
internal static class ChartCommand
{
    private static readonly string[] SeriesColors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

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
        var all = series.Values.SelectMany(l => l).ToList();
        var maxX = Nice(all.Max(r => r.OfferedDeliveriesPerSec!.Value));
        var maxDelivered = Nice(all.Max(r => Math.Max(r.DeliveredPerSec ?? 0, r.OfferedDeliveriesPerSec!.Value)));

        // Left: delivered against offered, with the diagonal a system that keeps up stays on.
        var delivered = Panel("delivered messages/s vs offered", series, r => r.DeliveredPerSec ?? 0);
        var diagonal = delivered.Add.Line(0, 0, Math.Min(maxX, maxDelivered), Math.Min(maxX, maxDelivered));
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        delivered.Axes.SetLimits(0, maxX, 0, maxDelivered);
        delivered.ShowLegend(Alignment.UpperLeft);

        // Right: p99 on a log scale, 1 ms to the next power of ten (latencies span 1 ms to seconds).
        var latency = Panel("p99 latency (ms, log scale) vs offered", series, r => Math.Log10(Math.Max(r.P99Ms ?? 0, 1)));
        latency.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.#", CultureInfo.InvariantCulture),
        };
        latency.HideLegend();
        latency.Axes.SetLimits(0, maxX, 0, Math.Max(1, Math.Ceiling(Math.Log10(Math.Max(all.Max(r => r.P99Ms ?? 0), 10)))));

        var figure = new Multiplot();
        figure.Reset(delivered);
        figure.AddPlot(latency);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Plot Panel(string title, SortedDictionary<string, List<RunResult>> series, Func<RunResult, double> y)
    {
        var plot = new Plot();
        plot.Title(title, size: 14);
        plot.XLabel("offered deliveries/s (sends/s x room members)", size: 12);
        var index = 0;
        foreach (var (name, list) in series)
        {
            var line = plot.Add.Scatter(list.Select(r => r.OfferedDeliveriesPerSec!.Value).ToArray(), list.Select(y).ToArray());
            line.LegendText = name;
            line.Color = Color.FromHex(SeriesColors[index++ % SeriesColors.Length]);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        return plot;
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
