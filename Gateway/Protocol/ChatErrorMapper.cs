using Orleans.Runtime;
using StackExchange.Redis;

namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// Maps a failed command onto a wire error: a <see cref="ChatException"/> keeps its code and message; a failure
/// of the cluster or of Redis (or a timeout) is <c>unavailable</c>; anything else is <c>internal</c> with a
/// generic message. The caller logs the exception; no message here ever carries a stack trace.
/// </summary>
internal static class ChatErrorMapper
{
    public const string UnavailableMessage = "The chat cluster cannot take this command now; nothing was stored. Retry later.";

    public const string InternalMessage = "An unexpected error occurred.";

    public static (ChatErrorCode Code, string Message) Map(Exception exception) => exception switch
    {
        ChatException chat => (chat.Code, chat.Code == ChatErrorCode.Internal ? InternalMessage : chat.Message),
        _ when IsUnavailable(exception) => (ChatErrorCode.Unavailable, UnavailableMessage),
        _ => (ChatErrorCode.Internal, InternalMessage),
    };

    /// <summary>True for failures that mean "the cluster or its storage cannot answer now".</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        TimeoutException or OperationCanceledException or OrleansException or RedisException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsUnavailable(aggregate.InnerExceptions[0]),
        _ => false,
    };
}
