using OrleansChat.Bench.Report;
using OrleansChat.Bench.Runs;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class LeakAuditTests
{
    [Fact]
    public void Parse_GatewayAuditBody_ReadsHeldAndClean()
    {
        var (_, held, clean) = LeakAudit.Parse("""{"gateway":{"connections":1},"cluster":null,"clusterError":"TimeoutException","held":3,"clean":false}""");
        Assert.Equal(3, held);
        Assert.False(clean);

        (_, held, clean) = LeakAudit.Parse("""{"gateway":{},"cluster":{},"clusterError":null,"held":0,"clean":true}""");
        Assert.Equal(0, held);
        Assert.True(clean);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"connections":0}""")]
    [InlineData("[1,2]")]
    public void Parse_OtherBody_NoCountNotClean(string body)
    {
        var (text, held, clean) = LeakAudit.Parse(body);
        Assert.Equal(body, text);
        Assert.Null(held);
        Assert.False(clean);
    }

    [Fact]
    public void Print_ChurnWithAudit_ShowsLeaksRowAndCompareHasLeakMetric()
    {
        var leaked = new RunResult { Target = "orleanschat", Mode = "churn", Label = "churn", Cycles = 10, CyclesOk = 10, Audit = "{}", Leaks = 4 };
        var clean = new RunResult { Target = "signalr", Mode = "churn", Label = "churn", Cycles = 10, CyclesOk = 10, Audit = "{}", Leaks = 0, AuditCleanAfterSeconds = 1.5 };
        using var output = new StringWriter();

        ResultPrinter.Print(leaked, output);
        ResultPrinter.Print(clean, output);

        var text = output.ToString();
        Assert.Contains("4 still held after the audit wait", text, StringComparison.Ordinal);
        Assert.Contains("0 (audit clean 1.5 s after the last cycle)", text, StringComparison.Ordinal);
        var table = CompareCommand.Render(CompareCommand.Load(text.Split('\n')), "orleanschat", "signalr");
        Assert.Contains("| churn | leaks after churn | 4 | 0 |", table, StringComparison.Ordinal);
    }
}
