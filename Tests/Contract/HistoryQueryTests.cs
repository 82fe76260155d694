namespace OrleansChat.Tests.Contract;

[Trait("Category", "Unit")]
public sealed class HistoryQueryTests
{
    [Theory]
    [InlineData(null, long.MaxValue)]
    [InlineData(null, long.MaxValue - 1)]
    [InlineData(null, ChatLimits.MaxSeq + 1)]
    [InlineData(long.MaxValue, null)]
    [InlineData(ChatLimits.MaxSeq + 1, null)]
    [InlineData(0L, null)]
    [InlineData(null, -1L)]
    public void Validate_SeqOutOfRange_IsBadRequest(long? before, long? after)
    {
        var ex = Assert.Throws<ChatException>(() => new HistoryQuery(before, after).Validate());
        Assert.Equal(ChatErrorCode.BadRequest, ex.Code);
        Assert.Contains(ChatLimits.MaxSeq.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, ChatLimits.MaxSeq)]
    [InlineData(ChatLimits.MaxSeq, null)]
    [InlineData(1L, null)]
    [InlineData(null, 0L)]
    public void Validate_SeqAtTheBounds_IsAccepted(long? before, long? after) => new HistoryQuery(before, after).Validate();
}
