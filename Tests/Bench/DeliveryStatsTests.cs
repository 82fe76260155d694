using Microsoft.Extensions.Time.Testing;
using OrleansChat.Bench.Measure;
using OrleansChat.Bench.Runs;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class DeliveryStatsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Accounting_AckedInWindow_ExpectedPerMemberAndLatencyMeasured()
    {
        var stats = NewStats(out var start, out _);
        var scheduled = start + Ticks(1);
        stats.OnSendAttempt(scheduled);
        stats.OnSendOutcome(scheduled, roomMembers: 3, SendOutcome.Ack(1));
        _time.Advance(TimeSpan.FromSeconds(2) + TimeSpan.FromMilliseconds(20));

        var text = BenchText.Build(scheduled, 0, 0, 50);
        stats.OnMessage(0, "r", 1, text);
        stats.OnMessage(1, "r", 1, text);

        Assert.Equal((1L, 1L, 3L, 2L), (stats.SentInWindow, stats.AckedInWindow, stats.Expected, stats.ReceivedInWindow));
        Assert.Equal(2, stats.ArrivedInWindow);
        Assert.InRange(stats.Latency.Percentile(50), 19_900, 20_100);
    }

    [Fact]
    public void Accounting_OutsideWindow_NeitherExpectedNorCounted()
    {
        var stats = NewStats(out var start, out var end);
        foreach (var scheduled in new[] { start - 1, end })
        {
            stats.OnSendAttempt(scheduled);
            stats.OnSendOutcome(scheduled, 5, SendOutcome.Ack(1));
            stats.OnMessage(0, "r", scheduled == end ? 2 : 1, BenchText.Build(scheduled, 0, 0, 10));
        }

        Assert.Equal((0L, 0L, 0L), (stats.SentInWindow, stats.Expected, stats.ReceivedInWindow));
        Assert.Equal(0, stats.ArrivedInWindow);
        Assert.Equal(2, stats.DeliveredTotal);
        Assert.Equal(2, stats.Sent);
    }

    [Fact]
    public void Accounting_SentBeforeWindowArrivingInside_CountsAsThroughputNotAsReceived()
    {
        var stats = NewStats(out var start, out _);
        var early = start - Ticks(0.5);
        _time.Advance(TimeSpan.FromSeconds(2));

        stats.OnMessage(0, "r", 1, BenchText.Build(early, 0, 0, 10));

        Assert.Equal((1L, 0L), (stats.ArrivedInWindow, stats.ReceivedInWindow));
    }

    [Fact]
    public void Accounting_DuplicateAndReorder_CountedPerReceiver()
    {
        var stats = NewStats(out var start, out _);
        var text = BenchText.Build(start, 0, 0, 10);

        stats.OnMessage(0, "r", 2, text);
        stats.OnMessage(0, "r", 1, text);
        stats.OnMessage(0, "r", 1, text);
        stats.OnMessage(1, "r", 1, text);

        Assert.Equal(1, stats.Duplicates);
        Assert.Equal(1, stats.OutOfOrder);
        Assert.Equal(3, stats.ReceivedInWindow);
    }

    [Fact]
    public void Accounting_RefusedSendAndForeignText_GoToErrorsAndForeign()
    {
        var stats = NewStats(out var start, out _);

        stats.OnSendOutcome(start, 4, SendOutcome.Error("rate_limited"));
        stats.OnMessage(0, "r", 1, "hello from a person");
        stats.OnConnectionError(1, "closed_1008");

        Assert.Equal(0, stats.Expected);
        Assert.Equal(1, stats.Foreign);
        Assert.Equal(new SortedDictionary<string, long> { ["closed_1008"] = 1, ["send_rate_limited"] = 1 }, stats.Errors.Snapshot());
    }

    [Fact]
    public void ErrorCounts_ManyDistinctCodes_AreBounded()
    {
        var errors = new ErrorCounts();
        for (var i = 0; i < ErrorCounts.MaxCodes + 10; i++)
        {
            errors.Add("code" + i);
        }

        Assert.Equal(ErrorCounts.MaxCodes + 1, errors.Snapshot().Count);
        Assert.Equal(10, errors.Snapshot()["other"]);
        Assert.Equal(ErrorCounts.MaxCodes + 10, errors.Total);
    }

    private DeliveryStats NewStats(out long start, out long end)
    {
        var stats = new DeliveryStats(_time, clients: 2);
        start = _time.GetTimestamp() + Ticks(1);
        end = start + Ticks(10);
        stats.SetWindow(start, end);
        return stats;
    }

    private long Ticks(double seconds) => (long)(seconds * _time.TimestampFrequency);
}
