using OrleansChat.Gateway.Connections;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class OutboundQueueTests
{
    private static ReadOnlyMemory<byte> Frame(byte b) => new[] { b };

    [Fact]
    public void TryEnqueue_BeyondCapacity_ReturnsFalse()
    {
        var queue = new OutboundQueue(3);
        Assert.True(queue.Open(Frame(0)));
        Assert.True(queue.TryEnqueue(Frame(1)));
        Assert.True(queue.TryEnqueue(Frame(2)));
        Assert.False(queue.TryEnqueue(Frame(3)));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void Open_WritesFirstFrameBeforeHeldOnes()
    {
        var queue = new OutboundQueue(4);
        Assert.True(queue.TryEnqueue(Frame(1)));
        Assert.True(queue.TryEnqueue(Frame(2)));
        Assert.True(queue.Open(Frame(0)));
        Assert.True(queue.TryEnqueue(Frame(3)));
        var order = new List<byte>();
        while (queue.Reader.TryRead(out var frame))
        {
            order.Add(frame.Span[0]);
        }

        Assert.Equal([0, 1, 2, 3], order);
    }

    [Fact]
    public void TryEnqueue_WhileHeldBeyondCapacity_ReturnsFalse()
    {
        var queue = new OutboundQueue(2);
        Assert.True(queue.TryEnqueue(Frame(1)));
        Assert.True(queue.TryEnqueue(Frame(2)));
        Assert.False(queue.TryEnqueue(Frame(3)));
    }

    [Fact]
    public void Open_HeldFramesFillingQueue_ReturnsFalse()
    {
        var queue = new OutboundQueue(2);
        Assert.True(queue.TryEnqueue(Frame(1)));
        Assert.True(queue.TryEnqueue(Frame(2)));
        Assert.False(queue.Open(Frame(0)));
    }

    [Fact]
    public async Task Complete_RefusesNewFramesAndEndsReader()
    {
        var queue = new OutboundQueue(2);
        Assert.True(queue.Open(Frame(0)));
        queue.Complete();
        Assert.False(queue.TryEnqueue(Frame(1)));
        Assert.True(queue.Reader.TryRead(out _));
        await queue.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
