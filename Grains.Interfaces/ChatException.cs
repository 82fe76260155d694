namespace OrleansChat;

/// <summary>
/// A chat operation was refused for a reason the caller can act on. Crosses grain and client
/// boundaries; <see cref="Code"/> says what the gateway answers on the wire.
/// </summary>
[GenerateSerializer, Alias("chat.ChatException")]
public sealed class ChatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatException(ChatErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>
    /// Creates the exception with the local failure behind it. The cause stays on this side of the grain
    /// boundary (log it where it happened): only <see cref="Code"/> and the message travel, because a
    /// third-party exception such as a Redis connection error has no Orleans codec and would turn the whole
    /// reply into a serialization failure.
    /// </summary>
    public ChatException(ChatErrorCode code, string message, Exception cause)
        : base(message)
    {
        Code = code;
        Cause = cause;
    }

    /// <summary>Why the operation was refused.</summary>
    [Id(0)]
    public ChatErrorCode Code { get; private set; }

    /// <summary>The local failure behind this one where it was thrown; always null once it has crossed a grain or client boundary.</summary>
    [field: NonSerialized]
    public Exception? Cause { get; }
}
