using OrleansChat.Bench.Report;
using OrleansChat.Bench.Runs;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class ReportTests
{
    [Fact]
    public void ParseRssKib_ProcStatusWithTabs_ReadsKib()
    {
        Assert.Equal(110440, ProcessMemory.ParseRssKib(["Name:\tdotnet", "VmPeak:\t  999 kB", "VmRSS:\t  110440 kB"]));
        Assert.Null(ProcessMemory.ParseRssKib(["Name:\tdotnet"]));
    }

    [Fact]
    public void ParseCpuSeconds_ProcStat_AddsUtimeAndStime()
    {
        const string Stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";
        Assert.Equal(18.01, ProcessCpu.ParseCpuSeconds(Stat));
        Assert.Null(ProcessCpu.ParseCpuSeconds("garbage"));
    }

    [Fact]
    public void Print_SteadyResult_WritesTableAndParsableResultLine()
    {
        var result = new RunResult { Target = "signalr", Mode = "steady", Label = "sweep-5", Servers = 2, Clients = 10, OfferedDeliveriesPerSec = 100, DeliveredPerSec = 99.5, P99Ms = 12.5 };
        using var output = new StringWriter();

        ResultPrinter.Print(result, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("latency p50/p90/p99/max", StringComparison.Ordinal) && l.Contains("12.5", StringComparison.Ordinal));
        var loaded = ChartCommand.Load(lines);
        Assert.Equal(["signalr"], loaded.Keys);
        Assert.Equal(99.5, loaded["signalr"][0].DeliveredPerSec);
        Assert.DoesNotContain("cycles", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_TwoTargets_RendersBothPanelsWithEveryTarget()
    {
        var lines = new[]
        {
            """RESULT {"target":"orleanschat","mode":"steady","label":"sweep-10","offeredDeliveriesPerSec":2000,"deliveredPerSec":1990,"p99Ms":30}""",
            """RESULT {"target":"orleanschat","mode":"steady","label":"sweep-5","offeredDeliveriesPerSec":1000,"deliveredPerSec":1000,"p99Ms":10}""",
            """RESULT {"target":"signalr","mode":"steady","label":"sweep-5","offeredDeliveriesPerSec":1000,"deliveredPerSec":900,"p99Ms":80}""",
            """RESULT {"target":"signalr","mode":"steady","label":"sweep-5","offeredDeliveriesPerSec":1000,"deliveredPerSec":1000,"p99Ms":8}""",
            """RESULT {"target":"signalr","mode":"steady","label":"base","offeredDeliveriesPerSec":1000}""",
            """RESULT {"target":"signalr","mode":"churn","label":"sweep-x"}""",
            "progress line",
        };

        var series = ChartCommand.Load(lines);
        var svg = ChartCommand.Render(series);

        Assert.Equal([1000.0, 2000.0], series["orleanschat"].Select(r => r.OfferedDeliveriesPerSec!.Value));
        Assert.Equal(8, Assert.Single(series["signalr"]).P99Ms);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"960\" height=\"420\"", svg, StringComparison.Ordinal);
        Assert.Contains("orleanschat", svg, StringComparison.Ordinal);
        Assert.Contains("signalr", svg, StringComparison.Ordinal);
        Assert.Contains("p99 latency", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LabelsBothTargetsHave_RowsWithRatios()
    {
        var lines = new[]
        {
            """RESULT {"target":"orleanschat","mode":"idle","label":"idle","connected":100,"kibPerConnection":30,"errors":{"idle_socket":2}}""",
            """RESULT {"target":"signalr","mode":"idle","label":"idle","connected":100,"kibPerConnection":20}""",
            """RESULT {"target":"signalr","mode":"churn","label":"churn","cyclesPerSec":50}""",
        };

        var table = CompareCommand.Render(CompareCommand.Load(lines), "orleanschat", "signalr");

        Assert.Contains("| idle | server KiB per connection | 30 | 20 | 1.50 |", table, StringComparison.Ordinal);
        Assert.Contains("| idle | errors | idle_socket=2 | 0 | |", table, StringComparison.Ordinal);
        Assert.DoesNotContain("churn", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(3100, 5000)]
    [InlineData(50, 50)]
    public void Nice_AxisMaximum_RoundsUpTo125(double value, double expected)
    {
        Assert.Equal(expected, ChartCommand.Nice(value));
    }
}
