using System.Globalization;
using System.Text.Json;

namespace OrleansChat.Bench.Report;

/// <summary>
/// <c>compare --in results.jsonl [--base orleanschat] [--other signalr]</c>: a Markdown table
/// putting the two targets side by side for every run label both have, with the ratio base/other.
/// </summary>
internal static class CompareCommand
{
    public static int Run(string input, string first, string second, TextWriter output)
    {
        output.Write(Render(Load(File.ReadLines(input)), first, second));
        return 0;
    }

    internal static List<RunResult> Load(IEnumerable<string> lines) =>
        lines.Select(l => l.StartsWith(ResultPrinter.Prefix, StringComparison.Ordinal) ? l[ResultPrinter.Prefix.Length..] : l)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonSerializer.Deserialize<RunResult>(l, ResultPrinter.Json)!)
            .ToList();

    internal static string Render(IReadOnlyList<RunResult> results, string first, string second)
    {
        var table = new System.Text.StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| run | metric | {first} | {second} | {first} / {second} |");
        table.AppendLine("| --- | --- | ---: | ---: | ---: |");
        // Later results with the same label replace earlier ones: a rerun supersedes.
        var labels = results.Select(r => r.Label).Distinct().ToList();
        foreach (var label in labels)
        {
            var a = results.LastOrDefault(r => r.Label == label && r.Target == first);
            var b = results.LastOrDefault(r => r.Label == label && r.Target == second);
            if (a is null || b is null)
            {
                continue;
            }

            foreach (var (metric, value) in Metrics(a.Mode))
            {
                var x = value(a);
                var y = value(b);
                if (x is null && y is null)
                {
                    continue;
                }

                table.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {metric} | {F(x)} | {F(y)} | {Ratio(x, y)} |");
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| {label} | errors | {Errors(a)} | {Errors(b)} | |");
            table.AppendLine(CultureInfo.InvariantCulture, $"| {label} | load average before | {a.LoadAvgBefore} | {b.LoadAvgBefore} | |");
        }

        return table.ToString();
    }

    private static IEnumerable<(string, Func<RunResult, double?>)> Metrics(string mode) => mode switch
    {
        "steady" =>
        [
            ("offered deliveries/s", r => r.OfferedDeliveriesPerSec),
            ("delivered/s", r => r.DeliveredPerSec),
            ("p50 ms", r => r.P50Ms),
            ("p90 ms", r => r.P90Ms),
            ("p99 ms", r => r.P99Ms),
            ("max ms", r => r.MaxMs),
            ("missing after drain", r => r.Lost),
            ("duplicates", r => r.Duplicates),
            ("order violations", r => r.OrderViolations),
        ],
        "churn" =>
        [
            ("cycles ok", r => r.CyclesOk),
            ("cycles/s", r => r.CyclesPerSec),
            ("cycle p50 ms", r => r.P50Ms),
            ("cycle p99 ms", r => r.P99Ms),
            ("server CPU ms per cycle", r => r.ServerCpuMsPerCycle),
            ("leaks after churn", r => r.Leaks),
        ],
        "idle" =>
        [
            ("connections open", r => r.Connected),
            ("connects/s", r => r.ConnectPerSec),
            ("server KiB per connection", r => r.KibPerConnection),
        ],
        _ => [],
    };

    private static string F(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? x, double? y) =>
        x is { } a && y is { } b && b != 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Errors(RunResult r) =>
        r.Errors.Count == 0 ? "0" : string.Join(", ", r.Errors.Select(e => $"{e.Key}={e.Value}"));
}
