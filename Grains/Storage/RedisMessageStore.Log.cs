using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Storage;

/// <summary>Log messages of the Redis message store (event ids 1300-1399).</summary>
internal sealed partial class RedisMessageStore
{
    [LoggerMessage(1300, LogLevel.Warning, "The Redis message store failed to {What} {Subject}; reporting unavailable until it recovers.")]
    private partial void LogUnavailable(string what, string subject, Exception exception);

    [LoggerMessage(1301, LogLevel.Information, "The Redis message store answers again.")]
    private partial void LogRecovered();

    [LoggerMessage(1302, LogLevel.Warning, "Room {Room} refused an append: {Reason}.")]
    private partial void LogSeqConflict(string room, string reason);
}
