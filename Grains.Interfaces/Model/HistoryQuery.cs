namespace OrleansChat;

/// <summary>
/// A page of a room's history. With <see cref="Before"/>: the <see cref="Limit"/> messages just before
/// that seq; with <see cref="After"/>: the ones just after it; with neither: the latest. At most one of
/// the two may be set. Results are always ascending by seq.
/// </summary>
/// <param name="Before">Return messages with seq lower than this (1 to <see cref="ChatLimits.MaxSeq"/>).</param>
/// <param name="After">Return messages with seq higher than this (0 to <see cref="ChatLimits.MaxSeq"/>).</param>
/// <param name="Limit">1 to <see cref="ChatLimits.MaxHistoryLimit"/>.</param>
[GenerateSerializer, Immutable, Alias("chat.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long? Before,
    [property: Id(1)] long? After,
    [property: Id(2)] int Limit = ChatLimits.DefaultHistoryLimit)
{
    /// <summary>The latest page of the default size.</summary>
    public static HistoryQuery Latest { get; } = new(null, null);

    /// <summary>Throws <see cref="ChatException"/> (<see cref="ChatErrorCode.BadRequest"/>) when the query is out of range.</summary>
    public void Validate()
    {
        if (Before is not null && After is not null)
        {
            throw new ChatException(ChatErrorCode.BadRequest, "Give 'before' or 'after', not both.");
        }

        if (Before is < 1 or > ChatLimits.MaxSeq || After is < 0 or > ChatLimits.MaxSeq)
        {
            throw new ChatException(
                ChatErrorCode.BadRequest, $"'before' must be 1 to {ChatLimits.MaxSeq} and 'after' 0 to {ChatLimits.MaxSeq}.");
        }

        if (Limit is < 1 or > ChatLimits.MaxHistoryLimit)
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"'limit' must be 1 to {ChatLimits.MaxHistoryLimit}.");
        }
    }
}
