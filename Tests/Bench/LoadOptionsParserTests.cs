using OrleansChat.Bench.Options;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class LoadOptionsParserTests
{
    [Fact]
    public void Parse_NoArguments_GivesDocumentedDefaults()
    {
        var o = LoadOptionsParser.Parse([]);

        Assert.Equal(TargetKind.OrleansChat, o.Target);
        Assert.Equal(RunMode.Steady, o.Mode);
        Assert.Equal([new Uri("http://127.0.0.1:5080")], o.Urls);
        Assert.Equal((200, 20, 2, 5.0), (o.Clients, o.Rooms, o.SendersPerRoom, o.Rate));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5)), (o.Warmup, o.Duration, o.Drain));
        Assert.Equal((2000, 20, 1000, 64, false), (o.Cycles, o.Concurrency, o.IdleConnections, o.ConnectConcurrency, o.Quiet));
        Assert.Equal(TimeSpan.FromMinutes(10), o.MaxRunTime);
        Assert.Matches("^[0-9a-f]{8}$", o.RunId);
    }

    [Fact]
    public void Parse_EveryOption_LandsInItsField()
    {
        var o = LoadOptionsParser.Parse([
            "--mode", "idle", "--label", "x", "--run-id", "abc1", "--clients", "10", "--rooms", "5", "--senders", "1", "--rate", "2.5",
            "--size", "50", "--warmup", "1", "--duration", "2", "--drain", "3", "--max-in-flight", "4", "--cycles", "6", "--concurrency", "7",
            "--audit-url", "http://h:1/diagnostics/hygiene", "--audit-wait", "8", "--connections", "9", "--hold", "0.5",
            "--server-pid", "11", "--server-pid", "12", "--connect-concurrency", "13", "--command-timeout", "14", "--max-run-time", "15", "--quiet",
        ]);

        Assert.Equal((RunMode.Idle, "x", "abc1"), (o.Mode, o.Label, o.RunId));
        Assert.Equal((10, 5, 1, 2.5, 50, 4), (o.Clients, o.Rooms, o.SendersPerRoom, o.Rate, o.MessageSize, o.MaxInFlightPerSender));
        Assert.Equal((1.0, 2.0, 3.0), (o.Warmup.TotalSeconds, o.Duration.TotalSeconds, o.Drain.TotalSeconds));
        Assert.Equal((6, 7, new Uri("http://h:1/diagnostics/hygiene"), 8.0), (o.Cycles, o.Concurrency, o.AuditUrl, o.AuditWait.TotalSeconds));
        Assert.Equal((9, 0.5), (o.IdleConnections, o.Hold.TotalSeconds));
        Assert.Equal([11, 12], o.ServerPids);
        Assert.Equal((13, 14.0, 15.0, true), (o.ConnectConcurrency, o.CommandTimeout.TotalSeconds, o.MaxRunTime.TotalSeconds, o.Quiet));
    }

    [Fact]
    public void Parse_CommaSeparatedAndRepeatedUrls_KeepsAllInOrder()
    {
        var o = LoadOptionsParser.Parse(["--url", "http://a:1, http://b:2", "--url", "http://c:3", "--target", "signalr", "--mode", "churn"]);

        Assert.Equal(["a", "b", "c"], o.Urls.Select(u => u.Host));
        Assert.Equal(TargetKind.SignalR, o.Target);
        Assert.Equal(RunMode.Churn, o.Mode);
    }

    [Theory]
    [InlineData("--target", "kafka", "--target must be orleanschat or signalr")]
    [InlineData("--clients", "0", "--clients must be an integer")]
    [InlineData("--url", "ftp://x", "--url must be an absolute http(s) URL")]
    [InlineData("--signing-key", "short", "at least 32 bytes")]
    [InlineData("--bogus", "1", "Unrecognized command or argument '--bogus'")]
    [InlineData("--rooms", "500", "cannot exceed --clients")]
    public void Parse_BadValue_SaysWhatIsWrong(string name, string value, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => LoadOptionsParser.Parse([name, value]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsUsageError()
    {
        var ex = Assert.Throws<UsageException>(() => LoadOptionsParser.Parse(["--rate"]));

        Assert.Contains("Required argument missing for option: '--rate'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_WithoutOut_IsUsageError_AndCompareHasItsDefaults()
    {
        var parser = new LoadOptionsParser();

        var chart = parser.Root.Parse(["chart", "--in", "results.jsonl"]);
        var compare = parser.Root.Parse(["compare", "--in", "results.jsonl"]);

        Assert.Contains(chart.Errors, e => e.Message.Contains("--out", StringComparison.Ordinal));
        Assert.Empty(compare.Errors);
        Assert.Equal(("orleanschat", "signalr"), (compare.GetValue(parser.CompareBase), compare.GetValue(parser.CompareOther)));
    }
}
