using System.Text;
using System.Text.Json;
using OrleansChat.Bench.Protocol;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class FramesTests
{
    [Fact]
    public void Send_Frame_HasProtocolFields()
    {
        using var json = JsonDocument.Parse(Frames.Send("7", "room-1", "hi \"there\""));
        var root = json.RootElement;

        Assert.Equal("send", root.GetProperty("type").GetString());
        Assert.Equal("7", root.GetProperty("id").GetString());
        Assert.Equal("room-1", root.GetProperty("room").GetString());
        Assert.Equal("hi \"there\"", root.GetProperty("text").GetString());
    }

    [Fact]
    public void Join_And_Ping_Frames_HaveTypeAndId()
    {
        using var join = JsonDocument.Parse(Frames.Join("1", "r"));
        using var ping = JsonDocument.Parse(Frames.Ping("2"));

        Assert.Equal("join", join.RootElement.GetProperty("type").GetString());
        Assert.Equal("r", join.RootElement.GetProperty("room").GetString());
        Assert.Equal("ping", ping.RootElement.GetProperty("type").GetString());
        Assert.Equal("2", ping.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void TryParse_Message_ReadsRoomSeqFromText()
    {
        var ok = Frames.TryParse(Utf8("""{"type":"message","room":"r1","seq":12,"messageId":"m","from":"bob","text":"t","sentAt":"2026-01-01T00:00:00Z","extra":{"a":[1,2]}}"""), out var frame);

        Assert.True(ok);
        Assert.Equal(new ServerFrame("message", Room: "r1", Seq: 12, From: "bob", Text: "t"), frame);
    }

    [Fact]
    public void TryParse_AckAndError_ReadIdSeqCode()
    {
        Assert.True(Frames.TryParse(Utf8("""{"type":"ack","id":"5","room":"r","seq":3,"lastSeq":9}"""), out var ack));
        Assert.True(Frames.TryParse(Utf8("""{"type":"error","id":"6","code":"rate_limited","message":"slow down"}"""), out var error));

        Assert.Equal(("5", 3L, 9L), (ack.Id, ack.Seq, ack.LastSeq));
        Assert.Equal(("6", "rate_limited", "slow down"), (error.Id, error.Code, error.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":"ack","seq":1.5}""")]
    [InlineData("""{"type":"ack","seq":""")]
    public void TryParse_BadFrame_ReturnsFalseWithoutThrowing(string text)
    {
        Assert.False(Frames.TryParse(Utf8(text), out _));
    }

    [Fact]
    public void TryParse_FieldOfWrongType_IsIgnored()
    {
        Assert.True(Frames.TryParse(Utf8("""{"type":"message","room":5,"seq":"7","text":"x"}"""), out var frame));

        Assert.Null(frame.Room);
        Assert.Equal(0, frame.Seq);
        Assert.Equal("x", frame.Text);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
