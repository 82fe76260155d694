namespace OrleansChat.Gateway.Delivery;

internal sealed partial class RoomFeed
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Room {Room}: ignored a stream event of unknown type {EventType}")]
        public static partial void UnknownEvent(ILogger logger, string room, string eventType);

        [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The stream of room {Room} reported an error")]
        public static partial void StreamError(ILogger logger, string room, Exception exception);

        [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Room {Room}: seq {From} to {To} did not arrive on the stream; reading them from the store")]
        public static partial void GapFound(ILogger logger, string room, long from, long to);

        [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "Room {Room}: seq {From} to {To} could not be read from the store ({ErrorType}: {Error}); closing {Members} members' connections with 1012")]
        public static partial void GapRepairFailed(ILogger logger, string room, long from, long to, int members, string errorType, string error);

        [LoggerMessage(EventId = 2014, Level = LogLevel.Debug, Message = "Room {Room}: checking the tail failed ({ErrorType}: {Error}); the next check retries")]
        public static partial void TailCheckFailed(ILogger logger, string room, string errorType, string error);
    }
}
