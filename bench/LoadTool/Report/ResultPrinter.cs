using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Bench.Report;

/// <summary>Prints a run's summary table for people and its <c>RESULT</c> JSON line for machines.</summary>
internal static class ResultPrinter
{
    public const string Prefix = "RESULT ";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Print(RunResult r, TextWriter output)
    {
        var rows = new List<(string, string)>
        {
            ("target", $"{r.Target} ({r.Servers} server{(r.Servers == 1 ? "" : "s")})"),
            ("mode", r.Mode + (r.Label.Length > 0 ? $" [{r.Label}]" : "")),
        };
        switch (r.Mode)
        {
            case "steady":
                rows.Add(("shape", $"{r.Clients} clients, {r.Rooms} rooms, {r.SendersPerRoom} senders/room at {F(r.RatePerSender)} msg/s, {r.MessageSize} chars"));
                rows.Add(("offered", $"{F(r.OfferedSendsPerSec)} sends/s -> {F(r.OfferedDeliveriesPerSec)} deliveries/s"));
                rows.Add(("sent", $"{r.Sent} ({F(r.SentPerSec)}/s), acked {r.Acked}"));
                rows.Add(("delivered", $"{r.Received} of {r.Expected} expected; {F(r.DeliveredPerSec)}/s arrived during the window"));
                rows.Add(("missing / dup / out of order", $"{r.Lost} / {r.Duplicates} / {r.OrderViolations}"));
                rows.Add(("latency p50/p90/p99/max", $"{F(r.P50Ms)} / {F(r.P90Ms)} / {F(r.P99Ms)} / {F(r.MaxMs)} ms"));
                break;
            case "churn":
                rows.Add(("cycles", $"{r.CyclesOk} ok of {r.Cycles} at concurrency {r.Concurrency}: {F(r.CyclesPerSec)} cycles/s"));
                rows.Add(("cycle p50/p90/p99/max", $"{F(r.P50Ms)} / {F(r.P90Ms)} / {F(r.P99Ms)} / {F(r.MaxMs)} ms"));
                if (r.ServerCpuMsPerCycle is not null)
                {
                    rows.Add(("server CPU", $"{F(r.ServerCpuSeconds)} s: {F(r.ServerCpuMsPerCycle)} ms per cycle"));
                }

                if (r.StageMs is { Count: > 0 } stages)
                {
                    rows.Add(("stage p50 (p99) ms", string.Join(", ", stages.Select(s => $"{s.Key} {F(s.Value[0])} ({F(s.Value[1])})"))));
                }
                if (r.Audit is not null)
                {
                    rows.Add(("leaks", r.AuditCleanAfterSeconds is { } clean
                        ? $"0 (audit clean {F(clean)} s after the last cycle)"
                        : $"{(r.Leaks is { } held ? held.ToString(CultureInfo.InvariantCulture) : "unknown")} still held after the audit wait"));
                    rows.Add(("audit", r.Audit.Length > 200 ? r.Audit[..200] + "…" : r.Audit));
                }

                break;
            case "idle":
                rows.Add(("connections", $"{r.Connected} of {r.Connections} open ({F(r.ConnectPerSec)}/s)"));
                rows.Add(("server RSS", r.RssBeforeKib is null ? "not measured (no --server-pid)" : $"{r.RssBeforeKib} KiB -> {r.RssAfterKib} KiB: {F(r.KibPerConnection)} KiB per connection"));
                break;
            default:
                break;
        }

        rows.Add(("errors", r.Errors.Count == 0 ? "none" : string.Join(", ", r.Errors.Select(e => $"{e.Key}={e.Value}"))));
        rows.Add(("load average", $"{r.LoadAvgBefore} -> {r.LoadAvgAfter}"));
        rows.Add(("wall time", $"{F(r.Seconds)} s"));

        var width = rows.Max(row => row.Item1.Length);
        output.WriteLine(new string('-', 72));
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"{name.PadRight(width)}  {value}");
        }

        output.WriteLine(new string('-', 72));
        output.WriteLine(Prefix + JsonSerializer.Serialize(r, Json));
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
