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

    /// <summary>Creates the exception with the failure that caused it.</summary>
    public ChatException(ChatErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Why the operation was refused.</summary>
    [Id(0)]
    public ChatErrorCode Code { get; private set; }
}
