using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A stored room message: pushed as a <c>message</c> frame and listed in <c>history</c>.</summary>
internal sealed record MessageFrame(string Room, long Seq, string MessageId, string From, string Text, DateTimeOffset SentAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "message";

    public static MessageFrame Of(ChatMessage message) =>
        new(message.Room, message.Seq, message.MessageId, message.From, message.Text, message.SentAt.ToUniversalTime());
}
