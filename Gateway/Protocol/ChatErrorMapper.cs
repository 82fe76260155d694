using Orleans.Runtime;
using StackExchange.Redis;

namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// Maps a failed command onto a wire error: a <see cref="ChatException"/> keeps its code and message; no answer in
/// time is <c>timeout</c> (the command may still take effect: retry with the same client message id); the cluster
/// shedding load is <c>overloaded</c>; any other failure of the cluster or of Redis is <c>unavailable</c>; anything
/// else is <c>internal</c> with a generic message. The caller logs the exception; no message here ever carries a
/// stack trace.
/// </summary>
internal static class ChatErrorMapper
{
    public const string UnavailableMessage = "The chat cluster cannot take this command now; nothing was stored. Retry later.";

    public const string InternalMessage = "An unexpected error occurred.";

    public const string TimeoutMessage = "No answer in time: the command may or may not have taken effect. Retry with the same clientMsgId, which stores a message at most once.";

    public const string OverloadedMessage = "The chat service is at capacity; nothing was stored. Retry after a short back-off.";

    public static (ChatErrorCode Code, string Message) Map(Exception exception) => Unwrap(exception) switch
    {
        ChatException chat => (chat.Code, chat.Code == ChatErrorCode.Internal ? InternalMessage : chat.Message),
        TimeoutException => (ChatErrorCode.Timeout, TimeoutMessage),
        GatewayTooBusyException or LimitExceededException => (ChatErrorCode.Overloaded, OverloadedMessage),
        var inner when IsUnavailable(inner) => (ChatErrorCode.Unavailable, UnavailableMessage),
        _ => (ChatErrorCode.Internal, InternalMessage),
    };

    /// <summary>True for failures that mean "the cluster or its storage cannot answer now".</summary>
    public static bool IsUnavailable(Exception exception) => Unwrap(exception) switch
    {
        TimeoutException or OperationCanceledException or OrleansException or RedisException => true,
        _ => false,
    };

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;
}
