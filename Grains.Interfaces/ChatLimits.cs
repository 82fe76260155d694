namespace OrleansChat;

/// <summary>Limits that are part of the wire contract and checked on both sides of it.</summary>
public static class ChatLimits
{
    /// <summary>The longest message text, in characters after trimming.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The longest client-chosen id (command id or client message id).</summary>
    public const int MaxClientIdLength = 64;

    /// <summary>The largest page of history a single query returns.</summary>
    public const int MaxHistoryLimit = 200;

    /// <summary>The page size of history when the caller gives none.</summary>
    public const int DefaultHistoryLimit = 50;

    /// <summary>
    /// The largest seq a history query may name in <c>before</c> or <c>after</c>: 2^53 − 1, the largest integer
    /// JavaScript clients represent exactly, and far beyond any room's reach. It keeps seq arithmetic in the
    /// stores (<c>after + 1</c>, <c>before - 1</c>) away from overflow.
    /// </summary>
    public const long MaxSeq = 9_007_199_254_740_991;

    /// <summary>
    /// Trims <paramref name="text"/> and checks it is 1 to <see cref="MaxTextLength"/> characters;
    /// throws <see cref="ChatException"/> (<see cref="ChatErrorCode.BadRequest"/>) otherwise.
    /// </summary>
    /// <returns>The trimmed text.</returns>
    public static string ValidateText(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxTextLength)
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"Text must be 1 to {MaxTextLength} characters after trimming.");
        }

        return trimmed;
    }

    /// <summary>Checks an optional client message id (at most <see cref="MaxClientIdLength"/> characters).</summary>
    public static void ValidateClientMsgId(string? clientMsgId)
    {
        if (clientMsgId is not null && (clientMsgId.Length == 0 || clientMsgId.Length > MaxClientIdLength))
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"clientMsgId must be 1 to {MaxClientIdLength} characters.");
        }
    }
}
