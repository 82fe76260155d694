using OrleansChat.Bench.Measure;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class BenchTextTests
{
    [Fact]
    public void Build_ThenParse_RoundTripsAndPadsToSize()
    {
        var text = BenchText.Build(123_456_789_012, 7, 42, 100);

        Assert.Equal(100, text.Length);
        Assert.True(BenchText.TryParse(text, out var timestamp, out var sender, out var n));
        Assert.Equal(123_456_789_012, timestamp);
        Assert.Equal(7, sender);
        Assert.Equal(42, n);
    }

    [Fact]
    public void Build_SizeSmallerThanHeader_KeepsWholeHeader()
    {
        var text = BenchText.Build(99, 1, 2, 5);

        Assert.Equal("bench:99:1:2:", text);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("bench:")]
    [InlineData("bench:12:x:3:")]
    [InlineData("bench:-1:2:3:")]
    [InlineData("bench:1:2")]
    public void TryParse_NotBenchText_ReturnsFalse(string text)
    {
        Assert.False(BenchText.TryParse(text, out _, out _, out _));
    }
}
