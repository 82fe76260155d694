using System.Text;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class FrameParserTests
{
    private static ParseResult Parse(string json) => FrameParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_Send_ReadsTrimmedTextAndIds()
    {
        var result = Parse("""{"type":"send","id":"c1","room":"lobby","text":"  hi  ","clientMsgId":"m1","extra":[1,2]}""");
        Assert.Null(result.Error);
        var command = result.Command!;
        Assert.Equal(CommandType.Send, command.Type);
        Assert.Equal("c1", command.Id);
        Assert.Equal("lobby", command.Room);
        Assert.Equal("hi", command.Text);
        Assert.Equal("m1", command.ClientMsgId);
    }

    [Theory]
    [InlineData("""{"type":"join","room":"a"}""", "Join")]
    [InlineData("""{"type":"leave","room":"a"}""", "Leave")]
    [InlineData("""{"type":"dm","to":"bob","text":"x"}""", "Dm")]
    [InlineData("""{"type":"typing","room":"a"}""", "Typing")]
    [InlineData("""{"type":"history","room":"a","before":5,"limit":10}""", "History")]
    [InlineData("""{"type":"rooms"}""", "Rooms")]
    [InlineData("""{"type":"members","room":"a"}""", "Members")]
    [InlineData("""{"type":"ping","id":null}""", "Ping")]
    public void Parse_EveryCommandType_IsRecognised(string json, string expected)
    {
        var result = Parse(json);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Command!.Type.ToString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"type\"")]
    [InlineData("""{"type":"send","room":"a","text":"x"} trailing""")]
    public void Parse_MalformedOrNonObject_FailsWithoutId(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Command);
        Assert.Null(result.Id);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("""{"id":"x","type":"nope"}""")]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","type":5}""")]
    [InlineData("""{"id":"x","type":"join"}""")]
    [InlineData("""{"id":"x","type":"join","room":"bad room"}""")]
    [InlineData("""{"id":"x","type":"join","room":7}""")]
    [InlineData("""{"id":"x","type":"send","room":"a","text":"   "}""")]
    [InlineData("""{"id":"x","type":"send","room":"a","text":"ok","clientMsgId":""}""")]
    [InlineData("""{"id":"x","type":"send","room":"a","text":"ok","clientMsgId":5}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","before":1,"after":2}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","limit":0}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","limit":201}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","before":1e400}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","before":99999999999999999999999}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","after":-1}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","after":9223372036854775806}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","after":9223372036854775807}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","before":9007199254740992}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","after":1.5}""")]
    [InlineData("""{"id":"x","type":"history","room":"a","after":"3"}""")]
    public void Parse_BadFields_FailsKeepingId(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Command);
        Assert.Equal("x", result.Id);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Fact]
    public void Parse_TextOverLimit_Fails()
    {
        var text = new string('a', ChatLimits.MaxTextLength + 1);
        Assert.NotNull(Parse($$"""{"type":"send","room":"a","text":"{{text}}"}""").Error);
        Assert.Null(Parse($$"""{"type":"send","room":"a","text":"{{text[1..]}}"}""").Error);
    }

    [Fact]
    public void Parse_IdLongerThan64_FailsWithoutId()
    {
        var result = Parse($$"""{"type":"ping","id":"{{new string('i', 65)}}"}""");
        Assert.Null(result.Id);
        Assert.Contains("64", result.Error);
        Assert.Equal(new string('i', 64), Parse($$"""{"type":"ping","id":"{{new string('i', 64)}}"}""").Id);
    }

    [Fact]
    public void Parse_NonStringId_FailsWithoutId()
    {
        var result = Parse("""{"type":"ping","id":12}""");
        Assert.Null(result.Id);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_DeepNesting_FailsAsMalformed()
    {
        var deep = new string('[', 100) + new string(']', 100);
        var result = Parse($$"""{"type":"ping","x":{{deep}}}""");
        Assert.Null(result.Command);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_InvalidUtf8_FailsAsMalformed()
    {
        var result = FrameParser.Parse(new byte[] { (byte)'{', 0xff, 0xfe, (byte)'}' });
        Assert.Null(result.Command);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public void Parse_History_DefaultsLimit()
    {
        var query = Parse("""{"type":"history","room":"a","after":0}""").Command!.History!;
        Assert.Equal(0, query.After);
        Assert.Null(query.Before);
        Assert.Equal(ChatLimits.DefaultHistoryLimit, query.Limit);
    }
}
