namespace OrleansChat.Tests.Contract;

[Trait("Category", "Unit")]
public sealed class ChatIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("alice")]
    [InlineData("Room_1.general-2")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void IsValid_AcceptsAllowedIds(string id) => Assert.True(ChatIds.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/no")]
    [InlineData("ümlaut")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void IsValid_RejectsOthers(string? id) => Assert.False(ChatIds.IsValid(id));

    [Fact]
    public void Validate_ThrowsBadRequestNamingWhat()
    {
        var ex = Assert.Throws<ChatException>(() => ChatIds.Validate("bad id", "room"));
        Assert.Equal(ChatErrorCode.BadRequest, ex.Code);
        Assert.Contains("room", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  hi  ", "hi")]
    [InlineData("x", "x")]
    public void ValidateText_Trims(string input, string expected) => Assert.Equal(expected, ChatLimits.ValidateText(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ValidateText_RejectsEmpty(string? input)
        => Assert.Equal(ChatErrorCode.BadRequest, Assert.Throws<ChatException>(() => ChatLimits.ValidateText(input)).Code);

    [Fact]
    public void ValidateText_RejectsTooLong()
        => Assert.Throws<ChatException>(() => ChatLimits.ValidateText(new string('x', ChatLimits.MaxTextLength + 1)));

    [Fact]
    public void HistoryQuery_RejectsBothBounds()
        => Assert.Throws<ChatException>(() => new HistoryQuery(5, 1).Validate());

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public void HistoryQuery_RejectsLimitOutOfRange(int limit)
        => Assert.Throws<ChatException>(() => new HistoryQuery(null, null, limit).Validate());
}
