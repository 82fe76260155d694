using System.Net.WebSockets;

namespace OrleansChat.Gateway.Connections;

internal sealed partial class ChatConnection
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "User {UserId} connected with session {SessionId}")]
        public static partial void Connected(ILogger logger, string userId, string sessionId);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "User {UserId} session {SessionId} disconnected ({Status} {Description})")]
        public static partial void Disconnected(ILogger logger, string userId, string sessionId, WebSocketCloseStatus status, string description);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Closing session {SessionId} of user {UserId}: slow consumer (outbound queue full)")]
        public static partial void SlowConsumer(ILogger logger, string userId, string sessionId);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Receive loop of session {SessionId} ended: {Reason}")]
        public static partial void ReceiveEnded(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Send loop of session {SessionId} ended: {Reason}")]
        public static partial void SendEnded(ILogger logger, string sessionId, string reason);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Closing session {SessionId} of user {UserId} failed: {ErrorType}: {Error}")]
        public static partial void CloseSessionFailed(ILogger logger, string userId, string sessionId, string errorType, string error);
    }
}
