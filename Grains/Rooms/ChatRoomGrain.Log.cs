using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Rooms;

/// <summary>Log messages of the room grain (event ids 1100-1199).</summary>
internal sealed partial class ChatRoomGrain
{
    [LoggerMessage(1100, LogLevel.Debug, "Room {Room} loaded its tail: last seq {LastSeq}, {DedupCount} dedup entries.")]
    private partial void LogTailLoaded(string room, long lastSeq, int dedupCount);

    [LoggerMessage(1101, LogLevel.Warning, "Room {Room} could not load its tail on activation; the next call retries.")]
    private partial void LogTailLoadFailed(string room, Exception exception);

    [LoggerMessage(1102, LogLevel.Warning, "Room {Room} could not store seq {Seq}; nothing was acknowledged.")]
    private partial void LogAppendFailed(string room, long seq, Exception exception);

    [LoggerMessage(1103, LogLevel.Warning, "Room {Room} could not publish {EventType}; gateways repair the gap from the store.")]
    private partial void LogPublishFailed(string room, string eventType, Exception exception);

    [LoggerMessage(1110, LogLevel.Information, "Room {Room}: publishing {EventType} failed (attempt {Attempt}); retrying.")]
    private partial void LogPublishRetried(string room, string eventType, int attempt, Exception exception);

    [LoggerMessage(1104, LogLevel.Warning, "Room {Room} could not write its membership.")]
    private partial void LogStateWriteFailed(string room, Exception exception);

    [LoggerMessage(1107, LogLevel.Warning, "Room {Room} could not read the message store.")]
    private partial void LogStoreReadFailed(string room, Exception exception);

    [LoggerMessage(1105, LogLevel.Debug, "Room {Room}: user {User} joined.")]
    private partial void LogMemberJoined(string room, string user);

    [LoggerMessage(1106, LogLevel.Debug, "Room {Room}: user {User} left.")]
    private partial void LogMemberLeft(string room, string user);

    [LoggerMessage(1108, LogLevel.Information, "Room {Room}: member {User} is offline, its user grain's silo {Host} is dead.")]
    private partial void LogPresenceReleased(string room, string user, SiloAddress host);

}
