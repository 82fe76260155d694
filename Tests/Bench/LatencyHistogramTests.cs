using OrleansChat.Bench.Measure;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_Empty_IsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Percentile(99));
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void Percentile_SmallValues_AreExact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(50, histogram.Percentile(50));
        Assert.Equal(90, histogram.Percentile(90));
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(100, histogram.Percentile(100));
        Assert.Equal(1, histogram.Percentile(0));
    }

    [Fact]
    public void Percentile_LargeValues_WithinRelativeErrorOfSortedSample()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(42);
        var samples = Enumerable.Range(0, 50_000).Select(_ => (long)(Math.Exp(random.NextDouble() * 16) + 1000)).ToArray();
        foreach (var s in samples)
        {
            histogram.Record(s);
        }

        Array.Sort(samples);
        foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9 })
        {
            var exact = samples[(int)Math.Ceiling(p / 100 * samples.Length) - 1];
            var estimate = histogram.Percentile(p);
            Assert.InRange(estimate, exact, exact + (exact / 256) + 1);
        }

        Assert.Equal(samples[^1], histogram.Max);
        Assert.Equal(samples.Length, histogram.Count);
    }

    [Fact]
    public void IndexOf_EveryBucket_HoldsItsUpperBound()
    {
        foreach (var value in new long[] { 0, 1, 1023, 1024, 1025, 2047, 2048, 123_456, 60_000_000, 1L << 40 })
        {
            var index = LatencyHistogram.IndexOf(value);
            Assert.True(LatencyHistogram.UpperBoundOf(index) >= value, $"bucket {index} upper bound below {value}");
            Assert.Equal(index, LatencyHistogram.IndexOf(LatencyHistogram.UpperBoundOf(index)));
        }
    }

    [Fact]
    public void Record_NegativeAndHuge_AreClampedNotThrown()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(2, histogram.Count);
        Assert.Equal(0, histogram.Percentile(50));
        Assert.Equal(long.MaxValue, histogram.Percentile(100));
    }

    [Fact]
    public void Add_TwoHistograms_MergesCountsAndMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(20);
        b.Record(3000);

        a.Add(b);

        Assert.Equal(3, a.Count);
        Assert.Equal(3000, a.Max);
        Assert.Equal(20, a.Percentile(66));
    }

    [Fact]
    public async Task Record_ManyThreads_LosesNoSample()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record(i % 5000);
            }
        })));

        Assert.Equal(40_000, histogram.Count);
        Assert.Equal(4999, histogram.Max);
    }
}
