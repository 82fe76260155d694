using Microsoft.Extensions.Logging;

namespace OrleansChat.Grains.Users;

/// <summary>Log messages of the user grain (event ids 1200-1299).</summary>
internal sealed partial class ChatUserGrain
{
    [LoggerMessage(1200, LogLevel.Debug, "User {User} opened session {Session} on gateway {Gateway}.")]
    private partial void LogSessionOpened(string user, string session, string gateway);

    [LoggerMessage(1201, LogLevel.Debug, "User {User} closed session {Session}.")]
    private partial void LogSessionClosed(string user, string session);

    [LoggerMessage(1202, LogLevel.Information, "User {User}: the lease of session {Session} on gateway {Gateway} expired.")]
    private partial void LogSessionExpired(string user, string session, string gateway);

    [LoggerMessage(1203, LogLevel.Debug, "User {User} is online in {RoomCount} rooms.")]
    private partial void LogOnline(string user, int roomCount);

    [LoggerMessage(1204, LogLevel.Debug, "User {User} is offline; everything released.")]
    private partial void LogOffline(string user);

    [LoggerMessage(1205, LogLevel.Warning, "User {User} could not publish {EventType} to gateway {Gateway}.")]
    private partial void LogGatewayPublishFailed(string user, string gateway, string eventType, Exception exception);

    [LoggerMessage(1208, LogLevel.Warning, "User {User} could not update presence in room {Room}.")]
    private partial void LogPresenceFailed(string user, string room, Exception exception);

    [LoggerMessage(1209, LogLevel.Warning, "User {User} could not write its joined rooms.")]
    private partial void LogStateWriteFailed(string user, Exception exception);

    [LoggerMessage(1210, LogLevel.Warning, "User {User} could not deliver a direct message to {Target}; it is stored.")]
    private partial void LogDirectPublishFailed(string user, string target, Exception exception);

    [LoggerMessage(1211, LogLevel.Warning, "User {User} deactivates ({Reason}) still holding {Sessions} sessions; releasing them.")]
    private partial void LogReleasingOnDeactivation(string user, int sessions, string reason);

    [LoggerMessage(1213, LogLevel.Warning, "User {User} could not store a direct message.")]
    private partial void LogDirectStoreFailed(string user, Exception exception);

    [LoggerMessage(1212, LogLevel.Warning, "User {User} could not release everything before deactivating.")]
    private partial void LogReleaseTimedOut(string user, Exception exception);

    [LoggerMessage(1215, LogLevel.Debug, "User {User} got an item on subscription {Subscription} to {Stream}, which it does not hold; the subscription is removed.")]
    private partial void LogUnknownSubscriptionRemoved(string user, Guid subscription, string stream);

    [LoggerMessage(1216, LogLevel.Warning, "User {User} could not remove subscription {Subscription} to {Stream}, which it does not hold; the next item retries.")]
    private partial void LogUnknownSubscriptionRemovalFailed(string user, Guid subscription, string stream, Exception exception);

    [LoggerMessage(1217, LogLevel.Warning, "User {User} could not undo its join of room {Room} after its own write failed; the room keeps it as a member until it leaves.")]
    private partial void LogJoinUndoFailed(string user, string room, Exception exception);

    [LoggerMessage(1218, LogLevel.Warning, "User {User} could not write room {Room} back into its joined rooms after the room refused the leave; it holds it until its next write.")]
    private partial void LogLeaveUndoFailed(string user, string room, Exception exception);
}
