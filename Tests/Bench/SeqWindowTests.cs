using OrleansChat.Bench.Measure;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class SeqWindowTests
{
    [Fact]
    public void Observe_IncreasingWithGaps_AllInOrder()
    {
        var window = new SeqWindow();

        Assert.Equal(SeqVerdict.InOrder, window.Observe(1));
        Assert.Equal(SeqVerdict.InOrder, window.Observe(2));
        Assert.Equal(SeqVerdict.InOrder, window.Observe(5));
        Assert.Equal(5, window.Highest);
    }

    [Fact]
    public void Observe_SameSeqTwice_IsDuplicate()
    {
        var window = new SeqWindow();
        window.Observe(1);
        window.Observe(2);

        Assert.Equal(SeqVerdict.Duplicate, window.Observe(2));
        Assert.Equal(SeqVerdict.Duplicate, window.Observe(1));
    }

    [Fact]
    public void Observe_LateUnseenSeq_IsOutOfOrderOnceThenDuplicate()
    {
        var window = new SeqWindow();
        window.Observe(1);
        window.Observe(3);

        Assert.Equal(SeqVerdict.OutOfOrder, window.Observe(2));
        Assert.Equal(SeqVerdict.Duplicate, window.Observe(2));
    }

    [Fact]
    public void Observe_AfterWindowSlides_OldSlotsAreForgotten()
    {
        var window = new SeqWindow();
        window.Observe(1);
        window.Observe(SeqWindow.Size + 1);

        // Same slot as seq 1, but a different seq: the slide cleared it.
        Assert.Equal(SeqVerdict.OutOfOrder, window.Observe(SeqWindow.Size));
        Assert.Equal(SeqVerdict.OutOfOrder, window.Observe(1));
        Assert.Equal(SeqVerdict.InOrder, window.Observe((2 * SeqWindow.Size) + 1));
        Assert.Equal(SeqVerdict.OutOfOrder, window.Observe((2 * SeqWindow.Size) - 5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Observe_NonPositiveSeq_IsInvalid(long seq)
    {
        Assert.Equal(SeqVerdict.Invalid, new SeqWindow().Observe(seq));
    }
}
