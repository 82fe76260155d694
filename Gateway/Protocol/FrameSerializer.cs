using System.Text.Json;

namespace OrleansChat.Gateway.Protocol;

/// <summary>Serializes frames to UTF-8 once, with the source-generated <see cref="GatewayJsonContext"/>.</summary>
internal static class FrameSerializer
{
    private static GatewayJsonContext Context => GatewayJsonContext.Default;

    public static byte[] Welcome(WelcomeFrame frame) => JsonSerializer.SerializeToUtf8Bytes(frame, Context.WelcomeFrame);

    public static byte[] Ack(AckFrame frame) => JsonSerializer.SerializeToUtf8Bytes(frame, Context.AckFrame);

    public static byte[] History(HistoryFrame frame) => JsonSerializer.SerializeToUtf8Bytes(frame, Context.HistoryFrame);

    public static byte[] Pong(string? id) => JsonSerializer.SerializeToUtf8Bytes(new PongFrame(id), Context.PongFrame);

    public static byte[] Error(string? id, string code, string message) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorFrame(id, code, message), Context.ErrorFrame);

    /// <summary>The <c>message</c> frame of a stored room message.</summary>
    public static byte[] Message(ChatMessage message) => JsonSerializer.SerializeToUtf8Bytes(MessageFrame.Of(message), Context.MessageFrame);

    /// <summary>The wire frame of a stream event, or null for an event type this gateway does not forward.</summary>
    public static byte[]? Event(ChatEvent chatEvent) => chatEvent switch
    {
        RoomMessageEvent e => Message(e.Message),
        DirectMessageEvent { Message: var m } => JsonSerializer.SerializeToUtf8Bytes(
            new DmFrame(m.MessageId, m.From, m.To, m.Text, m.SentAt.ToUniversalTime()), Context.DmFrame),
        MemberEvent e => JsonSerializer.SerializeToUtf8Bytes(new MemberFrame(e.Room, e.User, e.Joined ? "joined" : "left"), Context.MemberFrame),
        PresenceEvent e => JsonSerializer.SerializeToUtf8Bytes(new PresenceFrame(e.Room, e.User, e.Online), Context.PresenceFrame),
        TypingEvent e => JsonSerializer.SerializeToUtf8Bytes(new TypingFrame(e.Room, e.User), Context.TypingFrame),
        _ => null,
    };
}
